import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VncOpened } from '../../../common/contract/console';
import { defineTcgGuest, ensureLibvirtd, type TcgGuest } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import { differingBox, inkPixels, readPng, settledGrab } from '../../../lab/vnc/grab';
import { createServices, type AppServices } from '../../app/services';
import { parseVncGraphics } from '../../drivers/libvirt/vncGraphics';
import { addSshHost, trustPresentedKey } from '../../testing/sshTestServices';
import { runCliCaptured } from '../../testing/runCliCaptured';
import { captureFrame } from './rfbClient';
import { vmScreenEndpoint } from './vmScreen';

// One click from a VM: its screen found from libvirt's live XML on the hypervisor (a real libvirtd TCG guest with
// autoport VNC, reached through a real sshd as the lab user), judged against `virsh vncdisplay` run independently
// as root and against frames grabbed by the independent Python client.
let dir: string;
let lab: LabSsh;
let guest: TcgGuest;
let s: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-vmscreen-'));
  chmodSync(dir, 0o755);
  ensureLibvirtd();
  [lab, guest] = await Promise.all([
    startLabSsh({ dir: join(dir, 'ssh') }),
    defineTcgGuest(join(dir, 'guest'), { prefix: 'screen' }),
  ]);
  s = createServices({
    dataDir: join(dir, 'data'),
    ssh: { connectTimeoutMs: 5_000, identityDir: null, agentSocket: undefined },
  });
  const hv = addSshHost(s, 'hv', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 });
  await trustPresentedKey(s, hv.id);
  addSshHost(
    s,
    'vm1',
    '127.0.0.1',
    22,
    {},
    { kind: 'vm', layer: 1, parentId: hv.id, hypervisor: { domainName: guest.name, domainUuid: guest.uuid } },
  );
}, 300_000);
afterAll(async () => {
  await s?.close();
  await guest?.remove();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The port libvirt gave the running guest, asked independently (as root, not through Labvisor). */
function vncdisplayPort(): number {
  const display = execFileSync('virsh', ['-c', 'qemu:///system', 'vncdisplay', guest.uuid], { encoding: 'utf8' });
  const m = /:(\d+)\s*$/.exec(display.trim());
  if (!m) throw new Error(`virsh vncdisplay said ${JSON.stringify(display)}`);
  return 5900 + Number(m[1]);
}

describe("a VM's screen from discovery", () => {
  it('says a stopped autoport VM has no port yet', async () => {
    const stopped = await s.dispatch('console.openVnc', { vm: 'vm1' }, { door: 'cli' });
    expect(stopped).toMatchObject({ ok: false, code: 'conflict', message: expect.stringMatching(/not running/) });
  }, 60_000);

  it("opens a running VM's live autoport screen through the hypervisor's SSH connection, by VM and by domain", async () => {
    await guest.virsh('start', guest.uuid);
    await guest.waitForSerial('labvm: booted', 1, 180_000);
    const port = vncdisplayPort();
    const judge = await settledGrab(port, join(dir, 'judge.png'), 90);
    for (const target of [{ vm: 'vm1' }, { domain: guest.name, via: 'hv' }]) {
      const opened = await s.dispatch('console.openVnc', target, { door: 'cli' });
      if (!opened.ok) throw new Error(opened.message);
      const value = opened.value as VncOpened;
      const stream = s.streams.get(value.streamId)!;
      try {
        expect(value.title).toContain(`127.0.0.1:${port} via hv`);
        const frame = await captureFrame(stream);
        expect(inkPixels(frame)).toBeGreaterThan(500);
        // Up to the blinking text cursor's one cell.
        const box = differingBox(frame, judge);
        if (box) expect(box.width <= 9 && box.height <= 16, `differ in ${box.width}x${box.height}`).toBe(true);
      } finally {
        stream.close();
      }
    }
    const audit = s.audit.list({ limit: 20 }).filter((e) => e.action === 'console.openVnc');
    expect(audit.map((e) => `${e.target}:${e.result}`)).toEqual(expect.arrayContaining(['vm1:ok', 'vm1:error']));
  }, 300_000);

  it('`labvisor vnc VM --screenshot` writes the live screen; unknown VMs and non-VMs exit clearly', async () => {
    const file = join(dir, 'cli.png');
    const run = await runCliCaptured(join(dir, 'data'), ['vnc', 'vm1', '--screenshot', file, '--json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ file, width: 720, height: 400, security: 'none' });
    const judge = await settledGrab(vncdisplayPort(), join(dir, 'judge2.png'), 30);
    const box = differingBox(readPng(file), judge);
    if (box) expect(box.width <= 9 && box.height <= 16, `differ in ${box.width}x${box.height}`).toBe(true);
    const unknown = await runCliCaptured(join(dir, 'data'), ['vnc', 'no-such-vm', '--screenshot', file]);
    expect(unknown).toMatchObject({ code: 3, err: expect.stringMatching(/no host named no-such-vm/) });
    const notVm = await runCliCaptured(join(dir, 'data'), ['vnc', 'hv', '--screenshot', file]);
    expect(notVm).toMatchObject({ code: 1, err: expect.stringMatching(/hv is not a libvirt VM/) });
  }, 120_000);
});

const domain = (graphics: string, id = " id='3'") =>
  `<domain type='kvm'${id}><name>x</name><uuid>u</uuid><devices>${graphics}</devices></domain>`;

describe('vmScreenEndpoint (live XML → where to connect)', () => {
  const at = (xml: string) => vmScreenEndpoint('vm', parseVncGraphics(xml));
  it('reaches "any address" listeners on the hypervisor loopback, keeps specific ones', () => {
    for (const listen of ['0.0.0.0', '::', '', 'localhost'])
      expect(at(domain(`<graphics type='vnc' port='5907' autoport='yes' listen='${listen}'/>`))).toEqual({
        address: '127.0.0.1',
        port: 5907,
      });
    expect(
      at(domain(`<graphics type='vnc' port='5901'><listen type='address' address='10.1.2.3'/></graphics>`)),
    ).toEqual({ address: '10.1.2.3', port: 5901 });
    expect(at(domain(`<graphics type='vnc' port='5902' listen='::1'/>`))).toEqual({ address: '::1', port: 5902 });
    expect(at(domain(`<graphics type='vnc' port='5903'/>`))).toEqual({ address: '127.0.0.1', port: 5903 });
  });
  it('uses a unix-socket listener', () => {
    expect(
      at(domain(`<graphics type='vnc' socket='/var/lib/libvirt/qemu/d/vnc.sock'><listen type='socket'/></graphics>`)),
    ).toEqual({ socket: '/var/lib/libvirt/qemu/d/vnc.sock' });
    expect(at(domain(`<graphics type='vnc'><listen type='socket' socket='/run/x.sock'/></graphics>`))).toEqual({
      socket: '/run/x.sock',
    });
  });
  it('refuses with the reason: no VNC, SPICE only, no listener, not running, hostile address', () => {
    expect(() => at(domain(''))).toThrow(/has no VNC graphics$/);
    expect(() => at(domain(`<graphics type='spice' port='5930'/>`))).toThrow(/no VNC graphics \(it has spice only\)/);
    expect(() => at(domain(`<graphics type='vnc'><listen type='none'/></graphics>`))).toThrow(/no listener/);
    expect(() => at(domain(`<graphics type='vnc' port='-1' autoport='yes'/>`, ''))).toThrow(/not running/);
    expect(() => at(domain(`<graphics type='vnc' port='5900' listen='-oProxyCommand=x'/>`))).toThrow(/unreadable/);
    expect(() => at(domain(`<graphics type='vnc' port='5900' listen='a b;id'/>`))).toThrow(/unreadable/);
  });
});
