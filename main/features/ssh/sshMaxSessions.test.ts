import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { SshdInstance } from '../../../lab/ssh/sshd';
import type { ByteStream } from '../../platform/byteStreams';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Real sshds with `MaxSessions 3`: the pool must carry more shells and commands than one connection may, on extra
// connections it counts and closes. The TCP connections are counted by `ss`, not by the pool.
const MAX_SESSIONS = 3;
let lab: LabSsh;
let labDir: string;
let s: AppServices;
let hostId: number;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-maxsessions-'));
  lab = await startLabSsh({ dir: labDir, sshd: { maxSessions: MAX_SESSIONS } });
  s = sshTestServices();
  hostId = addSshHost(s, 'smallhost', '127.0.0.1', lab.sshd.port, {
    user: lab.user,
    identityFile: lab.keys.ed25519,
  }).id;
  await trustPresentedKey(s, hostId);
});
afterAll(async () => {
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

/** Established TCP connections to `sshd` from a client (this process, or the jump host's sshd). */
function tcpConnectionsTo(sshd: SshdInstance): number {
  const out = execFileSync('ss', ['-tnH', 'state', 'established', `( dport = :${sshd.port} )`], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim()).length;
}

async function echoes(shell: ByteStream, word: string): Promise<void> {
  let text = '';
  shell.onData((chunk) => (text += Buffer.from(chunk).toString('utf8')));
  shell.write(new TextEncoder().encode(`echo ${word}-$((6*7))\n`));
  await vi.waitFor(() => expect(text).toContain(`${word}-42`), { timeout: 10_000, interval: 20 });
}

async function closeAll(shells: ByteStream[]): Promise<void> {
  const ended = shells.map((shell) => new Promise<void>((resolve) => shell.onEnd(() => resolve())));
  for (const shell of shells) shell.close();
  await Promise.all(ended);
}

describe('ssh sessions beyond sshd MaxSessions', () => {
  it('opens shells one after another on extra connections, and closes each extra with its last channel', async () => {
    const shells: ByteStream[] = [];
    for (let n = 0; n < 7; n++) shells.push(await s.ssh.openShell(hostId, { cols: 80, rows: 24 }));
    await Promise.all(shells.map((shell, n) => echoes(shell, `shell${n}`)));
    // 3 + 3 + 1 sessions: the pooled connection and two extra ones.
    expect(s.ssh.connectionKeys()).toHaveLength(3);
    expect(tcpConnectionsTo(lab.sshd)).toBe(3);
    // A command while every connection is busy with shells goes on an extra connection too, and so does its end.
    expect((await s.ssh.exec(hostId, 'echo from-exec')).stdout).toBe('from-exec\n');

    await closeAll(shells.slice(3, 6));
    await vi.waitFor(() => expect(tcpConnectionsTo(lab.sshd)).toBe(2), { timeout: 5_000, interval: 50 });
    expect(s.ssh.connectionKeys()).toHaveLength(2);
    await closeAll(shells.slice(6));
    await vi.waitFor(() => expect(tcpConnectionsTo(lab.sshd)).toBe(1), { timeout: 5_000, interval: 50 });
    // The pooled connection stays while its shells live, and they still work.
    await Promise.all(shells.slice(0, 3).map((shell, n) => echoes(shell, `again${n}`)));
    await closeAll(shells.slice(0, 3));
    await vi.waitFor(() => expect(tcpConnectionsTo(lab.sshd)).toBe(0), { timeout: 5_000, interval: 50 });
    expect(s.ssh.connectionKeys()).toEqual([]);
  });

  it('opens ten shells at once on ceil(10 / MaxSessions) connections', async () => {
    const shells = await Promise.all(Array.from({ length: 10 }, () => s.ssh.openShell(hostId, { cols: 80, rows: 24 })));
    await Promise.all(shells.map((shell, n) => echoes(shell, `burst${n}`)));
    expect(tcpConnectionsTo(lab.sshd)).toBe(Math.ceil(10 / MAX_SESSIONS));
    await closeAll(shells);
    await vi.waitFor(() => expect(tcpConnectionsTo(lab.sshd)).toBe(0), { timeout: 5_000, interval: 50 });
  });

  it('opens extra connections through the same jump host, on the jump host’s one connection', async () => {
    const jumpSshd = await lab.startAnother({ name: 'jump', maxSessions: 10 });
    const jump = addSshHost(s, 'jumpbox', '127.0.0.1', jumpSshd.port, {
      user: lab.user,
      identityFile: lab.keys.ed25519,
    });
    await trustPresentedKey(s, jump.id);
    const behind = addSshHost(s, 'behindjump', '127.0.0.1', lab.sshd.port, {
      user: lab.user,
      identityFile: lab.keys.ed25519,
      jumpHostId: jump.id,
    });
    const shells: ByteStream[] = [];
    for (let n = 0; n < 5; n++) shells.push(await s.ssh.openShell(behind.id, { cols: 80, rows: 24 }));
    await Promise.all(shells.map((shell, n) => echoes(shell, `jumped${n}`)));
    // We hold one connection to the jump; the jump's sshd holds the two to the target (3 + 2 sessions).
    expect(tcpConnectionsTo(jumpSshd)).toBe(1);
    expect(tcpConnectionsTo(lab.sshd)).toBe(2);
    await closeAll(shells);
    await vi.waitFor(() => expect(tcpConnectionsTo(jumpSshd) + tcpConnectionsTo(lab.sshd)).toBe(0), {
      timeout: 5_000,
      interval: 50,
    });
  });

  it('does not open extra connections for a refusal that is not about the limit', async () => {
    const refusing = await lab.startAnother({ name: 'nosessions', maxSessions: 0 });
    const id = addSshHost(s, 'nosessions', '127.0.0.1', refusing.port, {
      user: lab.user,
      identityFile: lab.keys.ed25519,
    }).id;
    await trustPresentedKey(s, id);
    await expect(s.ssh.exec(id, 'true')).rejects.toMatchObject({ code: 'remote_error' });
    expect(s.ssh.connectionKeys()).toEqual([]);
    expect(refusing.log().match(/Accepted publickey/g)).toHaveLength(1);
  });
});
