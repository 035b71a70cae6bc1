import type { Door } from '../../../common/contract';
import type { SerialOpened, VncOpened, VncTarget } from '../../../common/contract/console';
import type { PowerTarget } from '../../../common/contract/power';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { ByteStream, ByteStreamRegistry } from '../../platform/byteStreams';
import { duplexByteStream } from '../../platform/duplexByteStream';
import type { EventBus } from '../../platform/eventBus';
import type { Vault } from '../../platform/secrets/vault';
import type { SecretKey } from '../../platform/secrets/secretKeys';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import type { SshService } from '../ssh/sshService';
import { rfbHandshake } from './rfbHandshake';
import { presentNoneSecurity } from './viewerHandshake';
import { startVirshConsole, virshConsoleCommand } from './virshConsole';
import { resolveVmScreen, type VmRef } from './vmScreen';
import { openVncConnection, type VncEndpoint, type VncRoute } from './vncTransport';

interface Deps {
  ssh: Pick<SshService, 'openTcp' | 'openUnix' | 'openExecStream' | 'exec'>;
  inventory: InventoryService;
  vault: Vault;
  audit: AuditLog;
  events: EventBus;
  streams: ByteStreamRegistry;
}

export interface VncOpenSpec extends VncTarget {
  password?: string;
  remember?: boolean;
}

export interface SerialOpenSpec {
  vm?: PowerTarget;
  domain?: string;
  via?: PowerTarget;
  alias?: string;
  uri?: string;
  force: boolean;
  cols: number;
  rows: number;
}

/**
 * Consoles: VNC screens bridged by the main process (directly or as one SSH channel on a host's pooled
 * connection) and VM serial consoles (`virsh console` in a pty over SSH). Both are byte streams a door attaches
 * to; opening and the end of each are audited with the door, the machine and the route.
 */
export class ConsoleService {
  constructor(
    private readonly deps: Deps,
    private readonly opts: { connectTimeoutMs?: number } = {},
  ) {}

  /** Connects, authenticates and returns the stream (not yet registered): the CLI uses it directly. */
  async connectVnc(spec: VncOpenSpec): Promise<{ stream: ByteStream; opened: Omit<VncOpened, 'streamId'> }> {
    const { via, at, vm } = await this.locate(spec);
    const where = `${describe(at)}${via ? ` via ${via.name}` : ''}`;
    const title = vm ? `${vm} (${where})` : where;
    const route: VncRoute = via
      ? {
          kind: 'ssh',
          hostName: via.name,
          openTcp: (address, port) => this.deps.ssh.openTcp(via.id, address, port),
          openUnix: (path) => this.deps.ssh.openUnix(via.id, path),
        }
      : { kind: 'direct' };
    if (spec.remember && !via)
      throw new AppError('invalid_input', 'VNC passwords are remembered per host: reach the server through one (via)');
    const ref = via ? vncPasswordKey(at, via) : null;
    const password = spec.password ?? (ref ? this.deps.vault.get(ref) : null) ?? undefined;
    const source = await openVncConnection(route, at, this.opts.connectTimeoutMs ?? 10_000);
    let handshake;
    try {
      handshake = await rfbHandshake(source.duplex, title, password, this.opts.connectTimeoutMs ?? 10_000);
    } catch (error) {
      source.duplex.destroy();
      source.release();
      // A remembered password the server now rejects is forgotten: the next open asks instead of failing again.
      if (ref && error instanceof AppError && error.code === 'auth_failed' && spec.password === undefined && password)
        this.deps.vault.delete(ref);
      throw error;
    }
    if (ref && spec.password !== undefined && spec.remember && handshake.security === 'vncauth')
      this.deps.vault.set(ref, spec.password);
    const stream = presentNoneSecurity(
      duplexByteStream(source.duplex, {
        kind: 'vnc',
        early: handshake.leftover,
        release: () => source.release(),
        closedMessage: () => `${title} closed the connection`,
        lostMessage: (error) => `${title}: ${error.message}`,
      }),
    );
    return { stream, opened: { title, security: handshake.security, version: handshake.version } };
  }

  async openVnc(spec: VncOpenSpec, door: Door): Promise<VncOpened> {
    const target = this.auditTarget(spec);
    let connected;
    try {
      connected = await this.connectVnc(spec);
    } catch (error) {
      this.deps.audit.append({
        door,
        action: 'console.openVnc',
        target,
        after: route(spec),
        result: 'error',
        message: (error as Error).message,
      });
      throw error;
    }
    const streamId = this.register(connected.stream, 'console.closeVnc', target, door);
    this.deps.audit.append({
      door,
      action: 'console.openVnc',
      target,
      after: { ...route(spec), streamId, security: connected.opened.security },
      result: 'ok',
    });
    return { streamId, ...connected.opened };
  }

  async forgetVncPassword(spec: VncTarget, door: Door): Promise<{ removed: boolean }> {
    const { via, at } = await this.locate(spec);
    const removed = via ? this.deps.vault.delete(vncPasswordKey(at, via)) : false;
    this.deps.audit.append({
      door,
      action: 'console.forgetVncPassword',
      target: this.auditTarget(spec),
      result: 'ok',
    });
    return { removed };
  }

  /** `virsh console` on the hypervisor; not registered, for the CLI. */
  async connectSerial(spec: SerialOpenSpec): Promise<{ stream: ByteStream; title: string; target: string }> {
    const vm = spec.vm === undefined ? null : this.host(spec.vm);
    const hypervisor =
      spec.via !== undefined ? this.host(spec.via) : vm?.parentId ? this.deps.inventory.get(vm.parentId) : null;
    if (!hypervisor)
      throw new AppError('invalid_input', `${vm?.name ?? 'the console'}: say which hypervisor runs it (--via HOST)`);
    const domain = spec.domain ?? vm?.hypervisor?.domainName ?? vm?.name;
    if (!domain) throw new AppError('invalid_input', 'name the VM or its libvirt domain');
    const uri = spec.uri ?? vm?.hypervisor?.libvirtUri ?? undefined;
    const label = `${domain} on ${hypervisor.name}`;
    const virsh = { domain, alias: spec.alias, uri, force: spec.force };
    const stream = await startVirshConsole(
      () =>
        this.deps.ssh.openExecStream(hypervisor.id, virshConsoleCommand(virsh), {
          pty: { cols: spec.cols, rows: spec.rows },
        }),
      virsh,
      label,
    );
    return { stream, title: `serial ${vm?.name ?? domain}`, target: vm?.name ?? label };
  }

  async openSerial(spec: SerialOpenSpec, door: Door): Promise<SerialOpened> {
    const { stream, title, target } = await this.connectSerial(spec);
    const streamId = this.register(stream, 'console.closeSerial', target, door);
    this.deps.audit.append({
      door,
      action: 'console.openSerial',
      target,
      after: { streamId, force: spec.force, alias: spec.alias ?? null },
      result: 'ok',
    });
    return { streamId, title };
  }

  resize(streamId: string, cols: number, rows: number): void {
    const stream = this.deps.streams.get(streamId);
    if (!stream) throw new AppError('not_found', 'this console has ended');
    stream.resize?.(cols, rows);
  }

  close(streamId: string): void {
    this.deps.streams.get(streamId)?.close();
  }

  private register(stream: ByteStream, closeAction: string, target: string, door: Door): string {
    const streamId = this.deps.streams.add(stream);
    const openedAt = Date.now();
    stream.onEnd((end) => {
      this.deps.events.emit('console.ended', { streamId, ...end });
      this.deps.audit.append({
        door,
        action: closeAction,
        target,
        after: { streamId, seconds: Math.round((Date.now() - openedAt) / 1000), reason: end.message },
        result: end.code ? 'error' : 'ok',
      });
    });
    return streamId;
  }

  private auditTarget(spec: VncTarget): string {
    if (spec.vm !== undefined) return String(spec.vm);
    if (spec.domain !== undefined) return `${spec.domain} on ${spec.via}`;
    return describe(endpointOf(spec));
  }

  /**
   * Where the server is and which host reaches it. A VM's screen is read from its live graphics on its
   * hypervisor at every connect: an autoport port changes when the VM restarts.
   */
  private async locate(spec: VncTarget): Promise<{ via: Host | null; at: VncEndpoint; vm: string | null }> {
    const vm = this.vmRef(spec);
    if (vm) {
      const exec = (command: string, opts: { timeoutMs: number }) =>
        this.deps.ssh.exec(vm.hypervisor.id, command, { timeoutMs: opts.timeoutMs, stdin: '' });
      return { via: vm.hypervisor, at: await resolveVmScreen(vm, exec), vm: vm.label };
    }
    return { via: spec.via === undefined ? null : this.host(spec.via), at: endpointOf(spec), vm: null };
  }

  private vmRef(spec: VncTarget): VmRef | null {
    if (spec.domain !== undefined) {
      if (spec.via === undefined) throw new AppError('invalid_input', 'say which host runs the domain (via)');
      const hypervisor = this.host(spec.via);
      return { hypervisor, domain: spec.domain, uri: spec.uri, label: `${spec.domain} on ${hypervisor.name}` };
    }
    if (spec.vm === undefined) return null;
    const vm = this.host(spec.vm);
    const domain = vm.hypervisor?.domainUuid ?? vm.hypervisor?.domainName;
    if (!domain) throw new AppError('unsupported', `${vm.name} is not a libvirt VM (discover its hypervisor first)`);
    const hypervisor = vm.parentId ? this.deps.inventory.get(vm.parentId) : null;
    if (!hypervisor) throw new AppError('invalid_input', `${vm.name} has no hypervisor (parent host)`);
    return { hypervisor, domain, uri: spec.uri ?? vm.hypervisor?.libvirtUri ?? undefined, label: vm.name };
  }

  private host(ref: PowerTarget): Host {
    const host = typeof ref === 'number' ? this.deps.inventory.get(ref) : this.deps.inventory.find(ref);
    if (!host) throw new AppError('not_found', `no host named ${ref}`);
    return host;
  }
}

function route(spec: VncTarget): { route: string } {
  return { route: spec.via === undefined ? 'direct' : `ssh:${spec.via}` };
}

function endpointOf(spec: VncTarget): VncEndpoint {
  if (spec.socket !== undefined) return { socket: spec.socket };
  if (spec.address === undefined || spec.port === undefined)
    throw new AppError('invalid_input', 'give either address and port, or a unix socket');
  return { address: spec.address, port: spec.port };
}

function describe(at: VncEndpoint): string {
  if ('socket' in at) return `unix:${at.socket}`;
  return at.address.includes(':') ? `[${at.address}]:${at.port}` : `${at.address}:${at.port}`;
}

/** One vault entry per server as reached: the same 127.0.0.1:5901 on two hypervisors are different screens. */
function vncPasswordKey(at: VncEndpoint, via: Host): SecretKey {
  return { hostId: via.id, purpose: 'vnc-password', target: describe(at) };
}
