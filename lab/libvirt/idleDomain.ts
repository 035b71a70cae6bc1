import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface IdleDomain {
  name: string;
  uuid: string;
  remove(): Promise<void>;
}

/**
 * Defines (does not start) the smallest real QEMU domain in the shared lab libvirtd: 32 MiB, one vCPU, no disk, so
 * it sits in the firmware once started (more memory is only reserved: the firmware touches a few MiB of it), cheap enough to run several at once on a shared 2-core machine. For tests
 * of what happens around a domain (order of starts, states, placement), not inside it. `tuning`: raw
 * `<cputune>`/`<numatune>` XML. Name unique per call.
 */
export async function defineIdleDomain(
  dir: string,
  prefix: string,
  opts: { vcpus?: number; memoryMiB?: number; tuning?: string } = {},
): Promise<IdleDomain> {
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  const uuid = randomUUID();
  const xml = `<domain type='qemu'>
  <name>${name}</name>
  <uuid>${uuid}</uuid>
  <memory unit='MiB'>${opts.memoryMiB ?? 32}</memory>
  <vcpu>${opts.vcpus ?? 1}</vcpu>${opts.tuning ?? ''}
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <on_poweroff>destroy</on_poweroff>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>
`;
  const virsh = (...args: string[]) => run('virsh', ['-q', '-c', 'qemu:///system', ...args], { timeout: 300_000 });
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, xml);
  try {
    await virsh('define', file);
  } catch (error) {
    await virsh('undefine', uuid).catch(() => undefined);
    throw error;
  }
  return {
    name,
    uuid,
    async remove() {
      await virsh('destroy', uuid).catch(() => undefined);
      await virsh('undefine', uuid).catch(() => undefined);
    },
  };
}
