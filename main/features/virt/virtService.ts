import type { Door } from '../../../common/contract';
import type { DiscoverResult, VmList, VmRow } from '../../../common/contract/virt';
import type { Host } from '../../../common/domain/host';
import {
  DEFAULT_LIBVIRT_URI,
  type DomainInfo,
  type DomainSnapshot,
  type SnapshotKind,
} from '../../../common/domain/virt';
import { AppError } from '../../../common/result';
import type { EventBus } from '../../platform/eventBus';
import type { Logger } from '../../platform/log';
import { discoverDomains, readDomains } from '../../drivers/libvirt/discoverDomains';
import type { DomainOps } from '../../drivers/libvirt/domainOps';
import { domainOpsFor, virshOn } from '../../drivers/libvirt/libvirtDriver';
import type { HypervisorExec, VirshClient } from '../../drivers/libvirt/virshClient';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import type { SshService } from '../ssh/sshService';
import { DomainEventFollower } from './domainEvents';
import { overcommitOf } from './overcommit';
import { planDiscovery } from './planDiscovery';

export interface VirtDeps {
  inventory: InventoryService;
  ssh: Pick<SshService, 'exec' | 'lease' | 'openExecStream'>;
  audit: AuditLog;
  events: EventBus;
  log: Logger;
}

type HostRef = string | number;

/**
 * Virtual machines through libvirt on their hypervisor, over the hypervisor's pooled SSH connection: discovery
 * into the host tree (previewed, matched, idempotent, never deleting), live lists, snapshots and autostart.
 * Lifecycle is the power feature's, through the libvirt power driver built from `opsFor`.
 */
export class VirtService {
  readonly events: DomainEventFollower;

  constructor(private readonly deps: VirtDeps) {
    this.events = new DomainEventFollower({
      openStream: (hostId, command) => deps.ssh.openExecStream(hostId, command),
      uriOf: (hostId) => deps.inventory.get(hostId).hypervisor?.libvirtUri ?? DEFAULT_LIBVIRT_URI,
      events: deps.events,
      log: deps.log,
    });
  }

  watch(input: { host: HostRef; watchId?: string | undefined }) {
    return this.events.watch(this.host(input.host).id, input.watchId);
  }

  host(ref: HostRef): Host {
    const host = typeof ref === 'number' ? this.deps.inventory.get(ref) : this.deps.inventory.find(ref);
    if (!host) throw new AppError('not_found', `no host named "${ref}"`);
    return host;
  }

  private execOn(hostId: number): HypervisorExec {
    return (command, opts) => this.deps.ssh.exec(hostId, command, opts);
  }

  virshFor(hypervisor: Host, uri?: string): VirshClient {
    return virshOn(hypervisor, this.execOn(hypervisor.id), uri);
  }

  /** The domain behind a VM host, exactly as the libvirt power driver addresses it. */
  opsFor(vm: Host): DomainOps {
    return domainOpsFor(
      vm,
      (id) => this.deps.inventory.get(id),
      (id) => this.execOn(id),
    );
  }

  /** One discovery on one SSH connection: held for its two round trips, so the second does not log in again. */
  private async discoverOn(hypervisor: Host, uri: string) {
    const lease = this.deps.ssh.lease(hypervisor.id);
    try {
      return await discoverDomains(this.virshFor(hypervisor, uri));
    } finally {
      lease.release();
    }
  }

  async preview(input: { host: HostRef; uri?: string | undefined }): Promise<DiscoverResult> {
    const hypervisor = this.host(input.host);
    const uri = input.uri ?? hypervisor.hypervisor?.libvirtUri ?? DEFAULT_LIBVIRT_URI;
    const found = await this.discoverOn(hypervisor, uri);
    const plan = planDiscovery(hypervisor, found.domains, this.deps.inventory.list());
    return this.result(hypervisor, uri, true, found, plan);
  }

  /**
   * Reads everything from the hypervisor first, then writes the whole plan in one transaction: a hypervisor that
   * drops mid-discovery changes nothing, and a failed write rolls every row (and its audit entry) back.
   */
  async discover(input: { host: HostRef; uri?: string | undefined }, door: Door): Promise<DiscoverResult> {
    const hypervisor = this.host(input.host);
    const uri = input.uri ?? hypervisor.hypervisor?.libvirtUri ?? DEFAULT_LIBVIRT_URI;
    const found = await this.discoverOn(hypervisor, uri);
    try {
      return this.write(hypervisor, uri, found, door);
    } catch (error) {
      // Migration 006's index: another door wrote the same domain's host first. Nothing of this run was kept.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new AppError(
          'conflict',
          `${hypervisor.name}: another discovery wrote these VMs at the same time; run it again`,
        );
      throw error;
    }
  }

  private write(
    hypervisor: Host,
    uri: string,
    found: Awaited<ReturnType<typeof discoverDomains>>,
    door: Door,
  ): DiscoverResult {
    const { inventory } = this.deps;
    return inventory.repo.transaction(() => {
      const fresh = inventory.get(hypervisor.id);
      if (fresh.hypervisor?.libvirtUri !== uri)
        inventory.update(
          fresh.id,
          { hypervisor: { domainName: null, domainUuid: null, ...fresh.hypervisor, libvirtUri: uri } },
          door,
        );
      const plan = planDiscovery(inventory.get(hypervisor.id), found.domains, inventory.list());
      for (const d of plan.domains) {
        if (d.action === 'create') d.hostId = inventory.add(d.fields, door).id;
        else if (d.action === 'update') inventory.update(d.hostId!, d.fields, door);
      }
      const out = this.result(fresh, uri, false, found, plan);
      this.deps.audit.append({
        door,
        action: 'virt.discover',
        target: fresh.name,
        after: { uri, created: out.created, updated: out.updated, unchanged: out.unchanged, missing: out.missing },
        result: 'ok',
      });
      return out;
    });
  }

  private result(
    hypervisor: Host,
    uri: string,
    dryRun: boolean,
    found: Awaited<ReturnType<typeof discoverDomains>>,
    plan: ReturnType<typeof planDiscovery>,
  ): DiscoverResult {
    const count = (a: string) => plan.domains.filter((d) => d.action === a).length;
    return {
      hypervisor: { hostId: hypervisor.id, hostName: hypervisor.name, uri },
      dryRun,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      missing: plan.missing,
      skipped: found.skipped,
      node: found.node,
      domains: plan.domains.map(({ fields: _fields, ...d }) => d),
      channels: found.channels,
    };
  }

  async list(input: { host: HostRef }): Promise<VmList> {
    const hypervisor = this.host(input.host);
    const virsh = this.virshFor(hypervisor);
    const found = await this.discoverOn(hypervisor, virsh.uri);
    const children = this.deps.inventory.list().filter((h) => h.parentId === hypervisor.id);
    return {
      hypervisor: { hostId: hypervisor.id, hostName: hypervisor.name, uri: virsh.uri },
      node: found.node,
      domains: found.domains.map((d) => this.row(d, children)),
      overcommit: overcommitOf(found.node, found.domains),
    };
  }

  private row(d: DomainInfo, children: Host[]): VmRow {
    const host =
      children.find((h) => h.hypervisor?.domainUuid?.toLowerCase() === d.uuid) ??
      children.find((h) => !h.hypervisor?.domainUuid && h.hypervisor?.domainName === d.name);
    return { ...d, hostId: host?.id ?? null, hostName: host?.name ?? null };
  }

  async domain(input: { vm: HostRef }): Promise<VmRow> {
    const vm = this.host(input.vm);
    const ops = this.opsFor(vm);
    const { domains, skipped } = await readDomains(ops.virsh, [ops.domain]);
    const d = domains[0];
    if (!d) throw new AppError('not_found', `${vm.name}: ${skipped[0]?.reason ?? 'no such domain'}`);
    return { ...d, hostId: vm.id, hostName: vm.name };
  }

  snapshots(input: { vm: HostRef }): Promise<DomainSnapshot[]> {
    return this.opsFor(this.host(input.vm)).snapshots();
  }

  async snapshotCreate(input: { vm: HostRef; name: string; description: string; kind: SnapshotKind }, door: Door) {
    return this.snapshotChange(
      input.vm,
      door,
      'virt.snapshotCreate',
      { snapshot: input.name, kind: input.kind },
      (ops) => ops.createSnapshot(input.name, input.description, input.kind),
    );
  }

  async snapshotRevert(input: { vm: HostRef; name: string; force: boolean; confirmed: boolean }, door: Door) {
    this.requireConfirmation(input, 'revert to snapshot');
    return this.snapshotChange(
      input.vm,
      door,
      'virt.snapshotRevert',
      { snapshot: input.name, force: input.force },
      (ops) => ops.revertSnapshot(input.name, input.force),
    );
  }

  async snapshotDelete(input: { vm: HostRef; name: string; confirmed: boolean; metadataOnly: boolean }, door: Door) {
    this.requireConfirmation(input, 'delete snapshot');
    return this.snapshotChange(
      input.vm,
      door,
      'virt.snapshotDelete',
      { snapshot: input.name, metadataOnly: input.metadataOnly },
      (ops) => ops.deleteSnapshot(input.name, input.metadataOnly),
    );
  }

  private requireConfirmation(input: { vm: HostRef; name: string; confirmed: boolean }, what: string): void {
    if (!input.confirmed)
      throw new AppError('confirmation_required', `${what} "${input.name}" of ${String(input.vm)}: confirm first`, {
        action: what,
        hostNames: [String(input.vm)],
        protectedHostNames: [],
      });
  }

  private async snapshotChange(
    ref: HostRef,
    door: Door,
    action: string,
    /** What the audit entry records: the snapshot's name and the options that shaped the change. */
    details: { snapshot: string } & Record<string, unknown>,
    change: (ops: DomainOps) => Promise<void>,
  ): Promise<DomainSnapshot[]> {
    const vm = this.host(ref);
    const ops = this.opsFor(vm);
    try {
      await change(ops);
    } catch (error) {
      this.deps.audit.append({
        door,
        action,
        target: vm.name,
        after: details,
        result: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
    this.deps.audit.append({ door, action, target: vm.name, after: details, result: 'ok' });
    return ops.snapshots();
  }

  async setAutostart(input: { vm: HostRef; on: boolean }, door: Door): Promise<{ autostart: boolean }> {
    const vm = this.host(input.vm);
    await this.opsFor(vm).setAutostart(input.on);
    this.deps.audit.append({
      door,
      action: 'virt.setAutostart',
      target: vm.name,
      after: { on: input.on },
      result: 'ok',
    });
    return { autostart: input.on };
  }

  async suspendResume(input: { vm: HostRef }, resume: boolean, door: Door): Promise<{ state: string }> {
    const vm = this.host(input.vm);
    const ops = this.opsFor(vm);
    await (resume ? ops.resume() : ops.suspend());
    const { state } = await ops.state();
    const action = resume ? 'virt.resume' : 'virt.suspend';
    this.deps.audit.append({ door, action, target: vm.name, after: { state }, result: 'ok' });
    return { state };
  }
}
