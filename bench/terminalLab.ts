import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { STREAM_PATH } from '../common/streamWire';
import { startLabvisor, type LabvisorServer } from '../e2e/support/labvisorServer';
import { rpc } from '../e2e/support/rpc';
import { startLabSsh, type LabSsh } from '../lab/ssh';

export interface TerminalLab {
  server: LabvisorServer;
  ssh: LabSsh;
  hostId: number;
  work: string;
  /** OpenSSH client arguments reaching the same sshd as the same user and key. */
  sshArgs: string[];
  stop(): Promise<void>;
}

/** A real sshd and a real `labvisor serve` with that sshd as a trusted host (the built app: npm run build first). */
export async function startTerminalLab(): Promise<TerminalLab> {
  const work = mkdtempSync(join(tmpdir(), 'labvisor-bench-term-'));
  chmodSync(work, 0o755);
  const ssh = await startLabSsh({ dir: join(work, 'ssh') });
  const server = await startLabvisor();
  const host = await rpc(server, 'inventory.addHost', {
    name: 'bench-ssh',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: ssh.user, port: ssh.sshd.port, identityFile: ssh.keys.ed25519 },
  });
  const presented = await rpc(server, 'ssh.scanHostKey', { hostId: host.id });
  await rpc(server, 'ssh.trustHostKey', { hostId: host.id, fingerprint: presented.fingerprint });
  const sshArgs = [
    ...['-i', ssh.keys.ed25519, '-p', String(ssh.sshd.port)],
    ...['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'],
    ...['-o', 'LogLevel=ERROR', `${ssh.user}@127.0.0.1`],
  ];
  return {
    server,
    ssh,
    hostId: host.id,
    work,
    sshArgs,
    async stop() {
      await server.stop();
      await ssh.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface StreamClient {
  ws: WebSocket;
  /** Resolves when the output received since the last call satisfies `done` (tested on its last 256 chars). */
  readUntil(done: (tail: string) => boolean): Promise<number>;
}

/**
 * A terminal opened through the dispatcher and attached over the stream WebSocket, acking as the page does. Output
 * is collected from the first frame (which can arrive together with the handshake).
 */
export async function openStreamSocket(lab: TerminalLab): Promise<StreamClient> {
  const { streamId } = await rpc(lab.server, 'terminal.open', { hostId: lab.hostId, cols: 120, rows: 40 });
  const ws = new WebSocket(`ws://127.0.0.1:${lab.server.port}${STREAM_PATH}?id=${streamId}`, {
    headers: { Authorization: `Bearer ${lab.server.token}` },
  });
  let bytes = 0;
  let tail = '';
  let waiter: (() => void) | null = null;
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    bytes += data.byteLength;
    ws.send(JSON.stringify({ type: 'ack', bytes: data.byteLength }));
    tail = (tail + data.toString('latin1')).slice(-256);
    waiter?.();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    readUntil(done) {
      return new Promise((resolve) => {
        const check = () => {
          if (!done(tail)) return;
          waiter = null;
          const got = bytes;
          bytes = 0;
          tail = '';
          resolve(got);
        };
        waiter = check;
        check();
      });
    },
  };
}
