import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Drivers and consoles reach what only a host can reach through ssh.openTcp / ssh.openUnix: a real sshd forwards
// to an echo service on a loopback port and on a unix socket, the way a BMC or a QEMU VNC socket is reached.
let ssh: LabSsh;
let labDir: string;
let s: AppServices;
let hostId: number;
let tcpEcho: Server;
let unixEcho: Server;
let tcpPort: number;
let socketPath: string;

const echo = () => createServer((socket) => socket.pipe(socket));
const listening = (server: Server, ...args: unknown[]) =>
  new Promise<void>((resolve) => (server.listen as (...a: unknown[]) => void)(...args, () => resolve()));

function roundTrip(stream: Duplex, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    stream.on('data', (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= text.length) resolve(got);
    });
    stream.once('error', reject);
    stream.write(text);
  });
}

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-tunnels-'));
  chmodSync(labDir, 0o755);
  ssh = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  hostId = addSshHost(s, 'hypervisor', '127.0.0.1', ssh.sshd.port, {
    user: ssh.user,
    identityFile: ssh.keys.ed25519,
  }).id;
  await trustPresentedKey(s, hostId);
  tcpEcho = echo();
  await listening(tcpEcho, 0, '127.0.0.1');
  tcpPort = (tcpEcho.address() as { port: number }).port;
  unixEcho = echo();
  socketPath = join(labDir, 'vnc.sock');
  await listening(unixEcho, socketPath);
  chmodSync(socketPath, 0o777);
});
afterAll(async () => {
  await s?.close();
  tcpEcho?.close();
  unixEcho?.close();
  await ssh?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

describe('ssh.openTcp and ssh.openUnix', () => {
  it('carries bytes to a TCP port the host reaches, and releases the connection when the stream closes', async () => {
    const stream = await s.ssh.openTcp(hostId, '127.0.0.1', tcpPort);
    expect(await roundTrip(stream, 'tcp hello')).toBe('tcp hello');
    expect(s.ssh.connectionKeys()).toHaveLength(1);
    stream.end();
    await expect.poll(() => s.ssh.connectionKeys()).toEqual([]);
  });

  it('carries bytes to a unix socket on the host (direct-streamlocal)', async () => {
    const stream = await s.ssh.openUnix(hostId, socketPath);
    expect(await roundTrip(stream, 'unix hello')).toBe('unix hello');
    stream.end();
    await expect.poll(() => s.ssh.connectionKeys()).toEqual([]);
  });

  it('fails clearly when nothing listens, without keeping the connection', async () => {
    await expect(s.ssh.openUnix(hostId, join(labDir, 'absent.sock'))).rejects.toThrow();
    await expect.poll(() => s.ssh.connectionKeys()).toEqual([]);
  });
});
