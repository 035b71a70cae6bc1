import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import {
  differingBox,
  independentGrab,
  inkPixels,
  pixelDifference,
  readPng,
  settledGrab,
  type Rgb,
} from '../../../lab/vnc/grab';
import { startQemuVnc, startTigerVnc, startX11vnc, type VncServer } from '../../../lab/vnc/vncLab';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { encodePng } from './png';
import { captureFrame } from './rfbClient';

// VNC through the bridge against real servers: a QEMU guest's console (None), x11vnc on Xvfb (None) and
// Xtigervnc (VncAuth), directly and through a real sshd's direct-tcpip channel; frames are judged against
// rfb_grab.py, an independent Python RFB client.
const PASSWORD = 'lv-Vnc-7';
let dir: string;
let lab: LabSsh;
let qemu: VncServer;
let x11: VncServer;
let tiger: VncServer;
let s: AppServices;
let hypervisor: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-vnc-'));
  chmodSync(dir, 0o755); // sshd reads the authorized keys below it as the lab user
  [lab, qemu, x11, tiger] = await Promise.all([
    startLabSsh({ dir: join(dir, 'ssh') }),
    startQemuVnc(join(dir, 'qemu')),
    startX11vnc(join(dir, 'x11vnc')),
    startTigerVnc(join(dir, 'tiger'), PASSWORD, '640x480', join(dir, 'tiger.sock')),
  ]);
  s = sshTestServices();
  hypervisor = addSshHost(s, 'hv', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 }).id;
  await trustPresentedKey(s, hypervisor);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await Promise.all([lab?.stop(), qemu?.stop(), x11?.stop(), tiger?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function bridgeGrab(port: number, via?: number, password?: string): Promise<Rgb> {
  const { stream } = await s.console.connectVnc({ address: '127.0.0.1', port, via, password });
  try {
    return await captureFrame(stream);
  } finally {
    stream.close();
  }
}

describe('VNC bridge', () => {
  it("shows a QEMU guest's console through the SSH tunnel as an independent client sees it (up to the blinking cursor)", async () => {
    await settledGrab(qemu.port, join(dir, 'settle.png'), 90);
    // The guest's text cursor blinks: the frames may differ in at most that one character cell (9×16 pixels).
    const judge = await independentGrab(qemu.port, join(dir, 'judge.png'));
    const tunnel = await bridgeGrab(qemu.port, hypervisor);
    const direct = await bridgeGrab(qemu.port);
    expect(inkPixels(tunnel)).toBeGreaterThan(500);
    for (const ours of [tunnel, direct]) {
      const box = differingBox(ours, judge);
      if (box)
        expect(box.width <= 9 && box.height <= 16, `frames differ in a ${box.width}x${box.height} box`).toBe(true);
    }
    // Our PNG encoder round-trips through an independent decoder.
    const file = join(dir, 'ours.png');
    writeFileSync(file, encodePng(tunnel.width, tunnel.height, tunnel.rgb));
    expect(pixelDifference(readPng(file), tunnel)).toBe(0);
  }, 120_000);

  it('connects to x11vnc (security None) directly and through the tunnel, one SSH channel each', async () => {
    const frame = await bridgeGrab(x11.port, hypervisor);
    expect([frame.width, frame.height]).toEqual([640, 480]);
    const judge = await independentGrab(x11.port, join(dir, 'x11.png'));
    expect(pixelDifference(frame, judge)).toBe(0);
    expect(s.ssh.connectionKeys()).toEqual([]);
  }, 60_000);

  it("reaches a unix socket on the host through OpenSSH's streamlocal forwarding", async () => {
    const socket = join(dir, 'tiger.sock');
    const { stream, opened } = await s.console.connectVnc({ socket, via: 'hv', password: PASSWORD });
    expect(opened).toMatchObject({ title: `unix:${socket} via hv`, security: 'vncauth' });
    const frame = await captureFrame(stream);
    stream.close();
    const judge = await independentGrab(tiger.port, join(dir, 'tiger-unix.png'), PASSWORD);
    expect(pixelDifference(frame, judge)).toBe(0);
    for (const bad of [
      { socket: '/tmp/x.sock' },
      { socket: '/tmp/x.sock', address: '127.0.0.1', port: 5900, via: 'hv' },
      { socket: 'relative.sock', via: 'hv' },
      { address: '127.0.0.1' },
    ])
      expect(await s.dispatch('console.openVnc', bad, { door: 'cli' })).toMatchObject({
        ok: false,
        code: 'invalid_input',
      });
  }, 60_000);

  it('authenticates to Xtigervnc with VncAuth; a wrong or missing password is a clear auth_failed', async () => {
    const frame = await bridgeGrab(tiger.port, hypervisor, PASSWORD);
    const judge = await independentGrab(tiger.port, join(dir, 'tiger.png'), PASSWORD);
    expect(pixelDifference(frame, judge)).toBe(0);

    await expect(
      s.console.connectVnc({ address: '127.0.0.1', port: tiger.port, password: 'nope' }),
    ).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/rejected the VNC password/),
    });
    await expect(s.console.connectVnc({ address: '127.0.0.1', port: tiger.port })).rejects.toMatchObject({
      code: 'auth_failed',
      details: { needsPassword: true },
    });
  }, 60_000);

  it('remembers a password in the vault only when asked and only after it worked; audits open and close', async () => {
    const target = { address: '127.0.0.1', port: tiger.port, via: 'hv' };
    // Passwords are kept per host: a direct connection cannot remember one.
    expect(
      await s.dispatch(
        'console.openVnc',
        { address: '127.0.0.1', port: tiger.port, password: PASSWORD, remember: true },
        { door: 'cli' },
      ),
    ).toMatchObject({ ok: false, code: 'invalid_input' });
    await expect(
      s.dispatch('console.openVnc', { ...target, password: 'wrong', remember: true }, { door: 'cli' }),
    ).resolves.toMatchObject({ ok: false, code: 'auth_failed' });
    const opened = await s.dispatch(
      'console.openVnc',
      { ...target, password: PASSWORD, remember: true },
      { door: 'ws' },
    );
    expect(opened).toMatchObject({
      ok: true,
      value: { security: 'vncauth', version: '3.8', title: `127.0.0.1:${tiger.port} via hv` },
    });
    const streamId = (opened as { value: { streamId: string } }).value.streamId;
    await s.dispatch('console.close', { streamId }, { door: 'ws' });
    // Remembered: no password needed now.
    const again = await s.dispatch('console.openVnc', target, { door: 'ws' });
    expect(again).toMatchObject({ ok: true });
    await s.dispatch(
      'console.close',
      { streamId: (again as { value: { streamId: string } }).value.streamId },
      { door: 'ws' },
    );
    expect(await s.dispatch('console.forgetVncPassword', target, { door: 'ws' })).toEqual({
      ok: true,
      value: { removed: true },
    });
    expect(await s.dispatch('console.openVnc', target, { door: 'ws' })).toMatchObject({
      ok: false,
      code: 'auth_failed',
    });

    const audit = s.audit.list({ limit: 20 }).filter((e) => e.action.startsWith('console.'));
    const actions = audit.map((e) => `${e.action}:${e.result}:${e.door}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'console.openVnc:error:cli',
        'console.openVnc:ok:ws',
        'console.closeVnc:ok:ws',
        'console.forgetVncPassword:ok:ws',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  }, 60_000);

  it('refuses targets that are not host names or addresses, before connecting', async () => {
    for (const address of ['-oProxyCommand=x', 'a b', 'http://x', '', 'x'.repeat(300), '127.0.0.1;id'])
      expect(await s.dispatch('console.openVnc', { address, port: 5900 }, { door: 'cli' })).toMatchObject({
        ok: false,
        code: 'invalid_input',
      });
    expect(await s.dispatch('console.openVnc', { address: '127.0.0.1', port: 0 }, { door: 'cli' })).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('says clearly when nothing is a VNC server there', async () => {
    await expect(s.console.connectVnc({ address: '127.0.0.1', port: lab.sshd.port })).rejects.toMatchObject({
      code: 'remote_error',
      message: expect.stringMatching(/is not a VNC server/),
    });
  });
});
