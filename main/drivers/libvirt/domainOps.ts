import { randomBytes } from 'node:crypto';
import {
  DomainUuid,
  domainPowered,
  type DomainSnapshot,
  type DomainState,
  type SnapshotKind,
} from '../../../common/domain/virt';
import { AppError } from '../../../common/result';
import { parseDomainXml, parseSnapshotXml } from './domainXml';
import type { VirshClient } from './virshClient';
import { parseDomState } from './virshText';

/** libvirt's refusals for what it cannot yet do with external snapshots (e.g. revert before 9.7). */
const EXTERNAL_UNSUPPORTED =
  /external (disk )?snapshots?.*not supported|not supported.*external|deletion of .*external/i;

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

  async createSnapshot(name: string, description: string, kind: SnapshotKind = 'internal'): Promise<void> {
    // virsh refuses an empty option argument, so no description means no --description at all.
    const base = [
      'snapshot-create-as',
      '--domain',
      this.domain,
      '--name',
      name,
      ...(description ? ['--description', description] : []),
    ];
    if (kind === 'internal') await this.virsh.run([...base, '--atomic']);
    // libvirt writes each disk's overlay next to it (`disk.<snapshot name>`) and switches the VM onto it.
    else if (kind === 'disk-only') await this.virsh.run([...base, '--disk-only', '--atomic']);
    else await this.virsh.run([...base, ...(await this.externalSpecs(name)), '--atomic']);
  }

  /**
   * `--memspec` and one `--diskspec` per disk for an external snapshot with memory: the memory file goes next to
   * the first disk, named from the snapshot name reduced to safe characters plus a random tag. virsh splits these
   * values at commas, so a path or target holding one (or anything odd) is refused rather than escaped.
   */
  private async externalSpecs(name: string): Promise<string[]> {
    if ((await this.powerState()) !== 'on')
      throw new AppError(
        'invalid_input',
        `${this.virsh.hostName}: an external snapshot with memory needs a running VM; take a disk-only one instead`,
      );
    const facts = parseDomainXml(await this.virsh.run(['dumpxml', '--domain', this.domain]));
    const disks = facts.disks.filter((d) => d.device === 'disk');
    const first = disks.find((d) => d.source?.startsWith('/'))?.source;
    if (!first) throw new AppError('unsupported', `${this.virsh.hostName}: the VM has no file disk to snapshot`);
    const dir = first.slice(0, first.lastIndexOf('/')) || '/';
    const stem = name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'snapshot';
    const memory = `${dir}/${stem}-${randomBytes(4).toString('hex')}.mem`;
    const unsafe = [memory, ...disks.map((d) => d.target)].find((v) => /[,\n=]/.test(v));
    if (unsafe !== undefined || disks.some((d) => !/^[A-Za-z0-9]+$/.test(d.target)))
      throw new AppError('unsupported', `${this.virsh.hostName}: a disk path or target virsh cannot be given safely`);
    return [
      '--memspec',
      `file=${memory},snapshot=external`,
      ...disks.flatMap((d) => ['--diskspec', `${d.target},snapshot=external`]),
    ];
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
      if (error instanceof AppError && EXTERNAL_UNSUPPORTED.test(error.message))
        throw new AppError(
          'unsupported',
          `${this.virsh.hostName}: this libvirt cannot revert to the external snapshot "${name}" (libvirt reverts ` +
            `external snapshots from version 9.7 on); the VM and its overlay files are unchanged`,
        );
      if (!force && error instanceof AppError && /force/i.test(error.message))
        throw new AppError('conflict', `${error.message} (libvirt asks for --force)`, { forceOffered: true });
      throw error;
    }
  }

  /** `metadataOnly`: libvirt forgets the snapshot but leaves its files (and a VM running on an overlay) alone. */
  async deleteSnapshot(name: string, metadataOnly = false): Promise<void> {
    try {
      await this.virsh.run([
        'snapshot-delete',
        '--domain',
        this.domain,
        '--snapshotname',
        name,
        ...(metadataOnly ? ['--metadata'] : []),
      ]);
    } catch (error) {
      if (!(error instanceof AppError) || !EXTERNAL_UNSUPPORTED.test(error.message)) throw error;
      throw new AppError(
        'unsupported',
        `${this.virsh.hostName}: this libvirt cannot delete the external snapshot "${name}" (${error.message}); ` +
          'delete only its metadata (--metadata-only) and remove or merge its files yourself',
      );
    }
  }
}
