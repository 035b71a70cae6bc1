import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../common/contract';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Shells, exec streams, forwards and the pool against a real sshd that the tests also kill and restart.
let lab: LabSsh;
let labDir: string;
let s: AppServices;
let hostId: number;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-sessions-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  hostId = addSshHost(s, 'shellhost', '127.0.0.1', lab.sshd.port, {
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

function collect(stream: ByteStream) {
  let text = '';
  stream.onData((chunk) => (text += Buffer.from(chunk).toString('utf8')));
  const ended = new Promise<StreamEnd>((resolve) => stream.onEnd(resolve));
  const waitFor = (pattern: RegExp) =>
    vi.waitFor(() => expect(pattern.test(text), `waiting for ${pattern}; got: ${text.slice(-500)}`).toBe(true), {
      timeout: 5_000,
      interval: 20,
    });
  return { text: () => text, ended, waitFor };
}

describe('ssh sessions', () => {
  it('opens a shell with a pty, resizes it, and ends with the exit status', async () => {
    const shell = await s.ssh.openShell(hostId, { cols: 100, rows: 30 });
    const out = collect(shell);
    shell.write(new TextEncoder().encode('stty size; echo "TERM=$TERM"\n'));
    await out.waitFor(/30 100/);
    await out.waitFor(/TERM=xterm-256color/);
    shell.resize!(132, 43);
    shell.write(new TextEncoder().encode('stty size\n'));
    await out.waitFor(/43 132/);
    shell.write(new TextEncoder().encode('exit 7\n'));
    expect(await out.ended).toEqual({ code: null, message: 'exited with status 7' });
    await vi.waitFor(() => expect(s.ssh.connectionKeys()).toEqual([]), { timeout: 5_000 });
  });

  it('shares one connection between concurrent users and closes it after the last one', async () => {
    const states: string[] = [];
    const off = s.events.subscribe((e) => {
      if (e.name === 'ssh.connectionState') states.push((e.payload as EventPayload<'ssh.connectionState'>).state);
    });
    const shell = await s.ssh.openShell(hostId, { cols: 80, rows: 24 });
    const results = await Promise.all([1, 2, 3].map((n) => s.ssh.exec(hostId, `echo ${n}`)));
    expect(results.map((r) => r.stdout)).toEqual(['1\n', '2\n', '3\n']);
    expect(s.ssh.connectionKeys()).toEqual([`${lab.user}@127.0.0.1:${lab.sshd.port}`]);
    expect(states.filter((x) => x === 'connected')).toHaveLength(1);
    shell.close();
    expect(s.ssh.connectionKeys()).toEqual([]);
    expect(states.at(-1)).toBe('disconnected');
    off();
  });

  it('applies back-pressure: a paused stream stops the remote writer', async () => {
    const stream = await s.ssh.openExecStream(hostId, 'i=0; while true; do i=$((i+1)); echo "line $i"; done');
    let bytes = 0;
    stream.onData((c) => (bytes += c.length));
    await expect.poll(() => bytes, { timeout: 10_000 }).toBeGreaterThan(64 * 1024);
    stream.pause();
    // Let what is in flight land, then prove the remote writer stays stopped: a non-event needs a quiet interval.
    await new Promise((r) => setTimeout(r, 200));
    const atPause = bytes;
    await new Promise((r) => setTimeout(r, 700));
    // Chunks already in flight may land; an unpaused shell loop would add megabytes in 0.7 s.
    expect(bytes - atPause).toBeLessThan(256 * 1024);
    stream.resume();
    await expect.poll(() => bytes, { timeout: 10_000 }).toBeGreaterThan(atPause + 256 * 1024);
    stream.close();
  });

  it('forwards a local port through the pooled connection', async () => {
    const forward = await s.ssh.forwardCreate(
      { hostId, bindAddress: '127.0.0.1', localPort: 0, remoteHost: '127.0.0.1', remotePort: lab.sshd.port },
      'cli',
    );
    expect(s.ssh.forwardList(hostId)).toHaveLength(1);
    const banner = await new Promise<string>((resolve, reject) => {
      const sock = connect(forward.localPort, '127.0.0.1');
      sock.once('data', (d) => (resolve(d.toString()), sock.destroy()));
      sock.once('error', reject);
    });
    expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
    expect(s.ssh.forwardStop(forward.id, 'cli')).toBe(true);
    expect(s.ssh.forwardList()).toEqual([]);
    expect(s.ssh.connectionKeys()).toEqual([]);
  });

  it('keeps a forward working across a server restart (persistent lease reconnects)', async () => {
    const forward = await s.ssh.forwardCreate(
      { hostId, bindAddress: '127.0.0.1', localPort: 0, remoteHost: '127.0.0.1', remotePort: lab.sshd.port },
      'cli',
    );
    const banner = () =>
      new Promise<string>((resolve) => {
        const sock = connect(forward.localPort, '127.0.0.1');
        sock.once('data', (d) => (resolve(d.toString()), sock.destroy()));
        sock.once('close', () => resolve(''));
        sock.once('error', () => resolve(''));
      });
    expect(await banner()).toMatch(/^SSH-2\.0-/);
    await lab.sshd.stop({ sessions: true });
    await lab.sshd.start();
    await vi.waitFor(async () => expect(await banner()).toMatch(/^SSH-2\.0-/), { timeout: 10_000, interval: 200 });
    s.ssh.forwardStop(forward.id, 'cli');
    expect(s.ssh.connectionKeys()).toEqual([]);
  });

  it('ends a shell with connection_lost when the server dies, and connects again when it is back', async () => {
    const shell = await s.ssh.openShell(hostId, { cols: 80, rows: 24 });
    const out = collect(shell);
    shell.write(new TextEncoder().encode('echo ready\n'));
    await out.waitFor(/ready/);
    await lab.sshd.stop({ sessions: true });
    const end = await out.ended;
    expect(end.code).toBe('connection_lost');
    expect(end.message).toMatch(/lost/);
    const down = await s.ssh.exec(hostId, 'true').catch((e: { code: string }) => e.code);
    expect(down).toBe('unreachable');
    await lab.sshd.start();
    expect((await s.ssh.exec(hostId, 'echo back')).stdout).toBe('back\n');
  });
});
