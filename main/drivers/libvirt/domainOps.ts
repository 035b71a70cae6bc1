import { randomBytes } from 'node:crypto';
import { DomainUuid, domainPowered, type DomainSnapshot, type DomainState } from '../../../common/domain/virt';
import { AppError } from '../../../common/result';
import { parseSnapshotXml } from './domainXml';
import type { VirshClient } from './virshClient';
import { parseDomState } from './virshText';

/**
 * One domain on one hypervisor, addressed by UUID when known (the name can change and may be hostile), else by
 * name; either way it travels as one quoted `--domain` argument, never as text in a command string.
 */
export class DomainOps {
  readonly domain: string;

  constructor(
    readonly virsh: VirshClient,
    ref: { uuid: string | null; name: string | null },
  ) {
    const uuid = ref.uuid ? DomainUuid.safeParse(ref.uuid) : null;
    if (uuid?.success) this.domain = uuid.data;
    else if (ref.name) this.domain = ref.name;
    else throw new AppError('invalid_input', 'a VM needs a libvirt domain UUID or name');
  }

  async state(): Promise<{ state: DomainState; reason: string | null }> {
    return parseDomState(await this.virsh.run(['domstate', '--reason', '--domain', this.domain]));
  }

  async powerState(): Promise<'on' | 'off' | 'unknown'> {
    return domainPowered((await this.state()).state);
  }

  /** Runs a lifecycle command; `alreadyDone` matches libvirt's "nothing to do" answer, which is success. */
  private async lifecycle(command: string[], alreadyDone: RegExp | null): Promise<void> {
    try {
      await this.virsh.run([...command, '--domain', this.domain]);
    } catch (error) {
      if (alreadyDone && error instanceof AppError && alreadyDone.test(error.message)) return;
      throw error;
    }
  }

  start = () => this.lifecycle(['start'], /already active/i);
  destroy = () => this.lifecycle(['destroy'], /not running/i);
  /** ACPI power button (the guest decides). */
  shutdown = () => this.lifecycle(['shutdown'], null);
  reboot = () => this.lifecycle(['reboot'], null);
  reset = () => this.lifecycle(['reset'], null);
  suspend = () => this.lifecycle(['suspend'], /already paused|not running/i);
  resume = () => this.lifecycle(['resume'], /not paused/i);

  setAutostart(on: boolean): Promise<void> {
    return this.lifecycle(on ? ['autostart'] : ['autostart', '--disable'], null);
  }

  /** Name, time, description, state, parent and current flag of every snapshot, in one batched call. */
  async snapshots(): Promise<DomainSnapshot[]> {
    const mark = `@@labvisor-${randomBytes(8).toString('hex')}`;
    const names = (await this.virsh.run(['snapshot-list', '--name', '--domain', this.domain]))
      .split('\n')
      .filter((n) => n.trim() !== '');
    if (names.length === 0) return [];
    const current = (
      await this.virsh.run(['snapshot-current', '--name', '--domain', this.domain]).catch(() => '')
    ).trim();
    const { stdout } = await this.virsh.batch([
      ...names.flatMap((n, i) => [
        ['echo', `${mark} ${i}`],
        ['snapshot-dumpxml', '--domain', this.domain, '--snapshotname', n],
      ]),
      ['echo', `${mark} end`],
    ]);
    const parts = stdout.split(new RegExp(`^${mark} `, 'm')).slice(1);
    if (!parts.at(-1)?.startsWith('end'))
      throw new AppError('unreachable', `${this.virsh.hostName}: the snapshot list was cut off`);
    return parts.slice(0, -1).map((part) => {
      const xml = part.slice(part.indexOf('\n') + 1);
      const snap = parseSnapshotXml(xml, false);
      return { ...snap, current: snap.name === current };
    });
  }

  async createSnapshot(name: string, description: string): Promise<void> {
    await this.virsh.run([
      'snapshot-create-as',
      '--domain',
      this.domain,
      '--name',
      name,
      '--description',
      description,
      '--atomic',
    ]);
  }

  async revertSnapshot(name: string, force: boolean): Promise<void> {
    try {
      await this.virsh.run([
        'snapshot-revert',
        '--domain',
        this.domain,
        '--snapshotname',
        name,
        ...(force ? ['--force'] : []),
      ]);
    } catch (error) {
      if (!force && error instanceof AppError && /force/i.test(error.message))
        throw new AppError('conflict', `${error.message} (libvirt asks for --force)`, { forceOffered: true });
      throw error;
    }
  }

  async deleteSnapshot(name: string): Promise<void> {
    await this.virsh.run(['snapshot-delete', '--domain', this.domain, '--snapshotname', name]);
  }
}
