import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import { STREAM_HIGH_WATER, STREAM_PATH } from '../../../common/streamWire';
import type { CommandInput, CommandName, CommandOutput, EventMessage } from '../../../common/contract';
import type { AppServices } from '../../app/services';
import { startServer, type RunningServer } from '../../transports/http/server';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// terminal.* through the dispatcher, bytes over the real /stream WebSocket of an in-process `serve`, a real sshd.
const TOKEN = 'terminal-test-token-0123456789-abcdefgh';
let lab: LabSsh;
let dir: string;
let s: AppServices;
let server: RunningServer;
let hostId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-terminal-'));
  // sshd reads the shared authorized_keys below as the lab user.
  chmodSync(dir, 0o755);
  lab = await startLabSsh({ dir: join(dir, 'ssh') });
  s = sshTestServices();
  hostId = addSshHost(s, 'termhost', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 }).id;
  await trustPresentedKey(s, hostId);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Labvisor</title>');
  server = await startServer({ services: s, rendererDir: dir, token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await s?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await s.dispatch(name, input, { door: 'ws' });
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
  return result.value as CommandOutput<N>;
}

/** A viewer on the stream: collects output, acks it when `acking`, sends keystrokes. */
async function attach(streamId: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${STREAM_PATH}?id=${streamId}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const v = { text: '', bytes: 0, acking: true, unacked: 0 };
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    v.bytes += data.byteLength;
    v.text = (v.text + data.toString('latin1')).slice(-100_000);
    v.unacked += data.byteLength;
    if (v.acking) ack();
  });
  const ack = () => {
    if (v.unacked > 0) ws.send(JSON.stringify({ type: 'ack', bytes: v.unacked }));
    v.unacked = 0;
  };
  const type = (line: string) => ws.send(Buffer.from(line), { binary: true });
  const waitFor = (pattern: RegExp, timeout = 20_000) =>
    vi.waitFor(() => expect(pattern.test(v.text), `waiting for ${pattern}; got: ${v.text.slice(-300)}`).toBe(true), {
      timeout,
      interval: 20,
    });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, v, ack, type, waitFor };
}

describe('terminal', () => {
  it('opens a shell, carries keystrokes both ways, resizes the pty and reports the end', async () => {
    const opened = await call('terminal.open', { hostId, cols: 100, rows: 30 });
    expect(opened.title).toBe(`${lab.user}@termhost`);
    const ended = new Promise<EventMessage>((resolve) =>
      s.events.subscribe((e) => e.name === 'terminal.ended' && resolve(e)),
    );
    const t = await attach(opened.streamId);
    t.type('echo hello-$((6*7)); stty size\n');
    await t.waitFor(/hello-42\r\n30 100/);
    await call('terminal.resize', { streamId: opened.streamId, cols: 132, rows: 43 });
    t.type('stty size\n');
    await t.waitFor(/43 132/);
    t.type('exit 3\n');
    expect((await ended).payload).toEqual({ streamId: opened.streamId, code: null, message: 'exited with status 3' });
    expect(s.streams.get(opened.streamId)).toBeUndefined();
  });

  it('pauses the SSH channel while the viewer does not acknowledge, and resumes when it does', async () => {
    const { streamId } = await call('terminal.open', { hostId, cols: 80, rows: 24 });
    const t = await attach(streamId);
    t.v.acking = false;
    t.type('head -c 30000000 /dev/zero | od -v -An -tx1 | head -c 40000000; echo END""-MARK\n');
    await expect.poll(() => t.v.bytes, { timeout: 20_000 }).toBeGreaterThan(STREAM_HIGH_WATER);
    // Let what is in flight in SSH and socket buffers land, then prove nothing more comes: a quiet interval.
    await new Promise((r) => setTimeout(r, 1500));
    const stalled = t.v.bytes;
    // The high-water mark plus what was already in flight in SSH and socket buffers; never the 40 MB.
    expect(stalled).toBeGreaterThan(STREAM_HIGH_WATER);
    expect(stalled).toBeLessThan(STREAM_HIGH_WATER + 4 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 500));
    expect(t.v.bytes).toBe(stalled);

    t.v.acking = true;
    t.ack();
    await t.waitFor(/END-MARK/, 120_000);
    expect(t.v.bytes).toBeGreaterThan(40_000_000);
    t.ws.close();
  }, 180_000);

  it('closes the shell when the viewer goes away, and refuses an unknown stream', async () => {
    const { streamId } = await call('terminal.open', { hostId, cols: 80, rows: 24 });
    const t = await attach(streamId);
    t.ws.close();
    await expect.poll(() => s.streams.get(streamId), { timeout: 5_000 }).toBeUndefined();
    expect(await s.dispatch('terminal.resize', { streamId, cols: 80, rows: 24 }, { door: 'ws' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});
