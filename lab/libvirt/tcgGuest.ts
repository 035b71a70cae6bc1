import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { guestImages } from '../qemu/qemuBmc';

const run = promisify(execFile);

/** TCG on 2 shared cores: a define or snapshot can take tens of seconds while other test runs use libvirtd too. */
const VIRSH_TIMEOUT_MS = 300_000;

export interface TcgGuest {
  name: string;
  uuid: string;
  uri: 'qemu:///system';
  disk: string;
  /** The guest's serial output, copied by virtlogd (appended across boots). */
  serialLog: string;
  /** Waits until the serial log holds `text` `count` times (the initramfs prints "labvm: booted" once per boot). */
  waitForSerial(text: string, count?: number, timeoutMs?: number): Promise<void>;
  /** `virsh -c qemu:///system ARGS…` as root (the lab's own view; the code under test goes through SSH). */
  virsh(...args: string[]): Promise<string>;
  /** Destroys (if running) and undefines the guest with its snapshot metadata; removes nothing else. */
  remove(): Promise<void>;
}

async function virshSystem(...args: string[]): Promise<string> {
  const { stdout } = await run('virsh', ['-q', '-c', 'qemu:///system', ...args], { timeout: VIRSH_TIMEOUT_MS });
  return stdout;
}

function guestXml(o: {
  name: string;
  uuid: string;
  kernel: string;
  initrd: string;
  disk: string;
  serialLog: string;
  cmdline: string;
}) {
  return `<domain type='qemu'>
  <name>${o.name}</name>
  <uuid>${o.uuid}</uuid>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${o.kernel}</kernel>
    <initrd>${o.initrd}</initrd>
    <cmdline>console=tty0 console=ttyS0 panic=-1 ${o.cmdline}</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${o.disk}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <serial type='pty'><log file='${o.serialLog}' append='on'/><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
    <memballoon model='virtio'/>
  </devices>
</domain>
`;
}

/**
 * Defines (does not start) a tiny TCG guest in the shared lab libvirtd (see ensureLibvirtd.sh): the lab kernel +
 * busybox initramfs (ACPI power button → poweroff; `burn` in `cmdline` burns one CPU), a 16 MiB qcow2 disk for
 * internal snapshots, VNC on 127.0.0.1 (autoport) and a serial pty console. The name is unique per call
 * (`prefix-<random>`), so parallel test runs never collide; call remove() in the test's cleanup.
 */
export async function defineTcgGuest(dir: string, opts: { prefix?: string; cmdline?: string } = {}): Promise<TcgGuest> {
  const { kernel, initrd } = guestImages();
  const name = `${opts.prefix ?? 'lvtcg'}-${randomBytes(4).toString('hex')}`;
  const uuid = randomUUID();
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const disk = join(dir, `${name}.qcow2`);
  await run('qemu-img', ['create', '-q', '-f', 'qcow2', disk, '16M']);
  const serialLog = join(dir, `${name}.serial.log`);
  const xmlFile = join(dir, `${name}.xml`);
  writeFileSync(xmlFile, guestXml({ name, uuid, kernel, initrd, disk, serialLog, cmdline: opts.cmdline ?? '' }));
  try {
    await virshSystem('define', xmlFile);
  } catch (error) {
    // A define that timed out on our side may still complete in libvirtd: never leave the guest behind.
    await virshSystem('undefine', uuid).catch(() => undefined);
    throw error;
  }
  return {
    name,
    uuid,
    uri: 'qemu:///system',
    disk,
    serialLog,
    waitForSerial: (text, count = 1, timeoutMs = 90_000) => waitForSerial(serialLog, text, count, timeoutMs),
    virsh: virshSystem,
    async remove() {
      await virshSystem('destroy', uuid).catch(() => undefined);
      await virshSystem('undefine', uuid, '--snapshots-metadata', '--nvram').catch(() => undefined);
    },
  };
}

/** Polls `virsh domstate` until it reads `state` (e.g. 'running', 'shut off'). */
export async function waitForDomState(uuid: string, state: string, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    last = (await virshSystem('domstate', uuid).catch((e: Error) => e.message)).trim();
    if (last === state) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`domain ${uuid} did not reach '${state}' within ${timeoutMs} ms (last: ${last})`);
}

async function waitForSerial(file: string, text: string, count: number, timeoutMs: number): Promise<void> {
  const start = Date.now();
  const seen = () => (existsSync(file) ? readFileSync(file, 'utf8').split(text).length - 1 : 0);
  while (Date.now() - start < timeoutMs) {
    if (seen() >= count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`serial log ${file} did not show '${text}' ${count}x within ${timeoutMs} ms (saw ${seen()})`);
}
