import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { STREAM_PATH } from '../common/streamWire';
import { startLabvisor, type LabvisorServer } from '../e2e/support/labvisorServer';
import { rpc } from '../e2e/support/rpc';
import { startLabSsh, type LabSsh } from '../e2e/lab/ssh';

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

/** A terminal opened through the dispatcher and attached over the stream WebSocket, as the page does it. */
export async function openStreamSocket(lab: TerminalLab): Promise<WebSocket> {
  const { streamId } = await rpc(lab.server, 'terminal.open', { hostId: lab.hostId, cols: 120, rows: 40 });
  const ws = new WebSocket(`ws://127.0.0.1:${lab.server.port}${STREAM_PATH}?id=${streamId}`, {
    headers: { Authorization: `Bearer ${lab.server.token}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

/** Resolves when the stream's output (all of it so far, as text) satisfies `done`, acking as the page does. */
export function readUntil(ws: WebSocket, done: (tail: string) => boolean): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    let tail = '';
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      bytes += data.byteLength;
      ws.send(JSON.stringify({ type: 'ack', bytes: data.byteLength }));
      tail = (tail + data.toString('latin1')).slice(-256);
      if (done(tail)) {
        ws.off('message', onMessage);
        resolve(bytes);
      }
    };
    ws.on('message', onMessage);
  });
}
