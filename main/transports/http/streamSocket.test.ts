import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { STREAM_HIGH_WATER, STREAM_PATH } from '../../../common/streamWire';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';
import { tempServices } from '../../testing/tempServices';
import { startServer, type RunningServer } from './server';

const TOKEN = 'stream-test-token-0123456789-abcdefgh';
let server: RunningServer;
let services: ReturnType<typeof tempServices>;

beforeAll(async () => {
  services = tempServices();
  const rendererDir = mkdtempSync(join(tmpdir(), 'labvisor-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Labvisor</title>');
  server = await startServer({ services, rendererDir, token: TOKEN });
});
afterAll(async () => {
  await server.close();
  await services.cleanup();
});

/**
 * A real ByteStream over a real child process (its stdout as output, stdin as input): pausing it stops reading
 * the pipe, so the child blocks exactly as a remote shell blocks when its SSH channel is paused. Like the SSH
 * channel stream, it starts paused so output before the viewer attaches is kept.
 */
function processStream(command: string): ByteStream & { readonly exited: boolean } {
  const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdout.pause();
  let exited = false;
  let viewerPaused = false;
  const endListeners = new Set<(end: StreamEnd) => void>();
  child.on('close', (code) => {
    exited = true;
    for (const l of endListeners) l({ code: null, message: `exited with ${code}` });
  });
  return {
    id: services.streams.newId(),
    kind: 'process',
    get exited() {
      return exited;
    },
    write: (data) => void child.stdin.write(data),
    onData(listener) {
      child.stdout.on('data', listener);
      if (!viewerPaused) child.stdout.resume();
      return () => child.stdout.off('data', listener);
    },
    onEnd(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    pause: () => {
      viewerPaused = true;
      child.stdout.pause();
    },
    resume: () => {
      viewerPaused = false;
      child.stdout.resume();
    },
    close: () => void child.kill(),
  };
}

/** Listeners must be added before 'open': the first frames can arrive in the same packet as the handshake. */
function connect(id: string): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${server.port}${STREAM_PATH}?id=${id}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
}
const opened = (ws: WebSocket) => new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

/** Collects output; acks each chunk once "rendered" unless acking is switched off. */
function viewer(ws: WebSocket, opts: { ack: boolean }) {
  const hash = createHash('sha256');
  const state = { bytes: 0, ack: opts.ack, end: null as null | { code: string | null; message: string } };
  let unackedHere = 0;
  const ended = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) {
      state.end = JSON.parse(data.toString());
      return;
    }
    hash.update(data);
    state.bytes += data.byteLength;
    unackedHere += data.byteLength;
    if (state.ack) flush();
  });
  const flush = () => {
    if (unackedHere > 0) ws.send(JSON.stringify({ type: 'ack', bytes: unackedHere }));
    unackedHere = 0;
  };
  return { state, ended, digest: () => hash.digest('hex'), startAcking: () => ((state.ack = true), flush()) };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const waitFor = (cond: () => boolean) => vi.waitFor(() => expect(cond()).toBe(true), { timeout: 10_000, interval: 20 });

describe('stream WebSocket', () => {
  it('delivers bulk output complete and in order, then the end', async () => {
    const id = services.streams.add(processStream('seq 1 2000000'));
    const ws = connect(id);
    const v = viewer(ws, { ack: true });
    await v.ended;
    const expected = Array.from({ length: 2_000_000 }, (_, i) => `${i + 1}\n`).join('');
    expect(v.state.bytes).toBe(expected.length);
    expect(v.digest()).toBe(sha256(expected));
    expect(v.state.end).toMatchObject({ type: 'end', code: null });
  });

  it('pauses the source when the viewer stops acknowledging, and resumes on acks', async () => {
    const stream = processStream('head -c 20000000 /dev/zero');
    const id = services.streams.add(stream);
    const ws = connect(id);
    const v = viewer(ws, { ack: false });
    await waitFor(() => v.state.bytes > STREAM_HIGH_WATER);
    // What is already in the pipe and socket buffers still arrives; give it time, then prove nothing more does.
    await new Promise((r) => setTimeout(r, 500));
    const stalled = v.state.bytes;
    // Pipe and socket buffers hold a little more than the high-water mark; never the whole 20 MB.
    expect(stalled).toBeLessThan(STREAM_HIGH_WATER + 512 * 1024);
    expect(stream.exited).toBe(false);
    // Proves a non-event (the paused source sends nothing more): only a quiet interval can show it.
    await new Promise((r) => setTimeout(r, 300));
    expect(v.state.bytes).toBe(stalled);

    v.startAcking();
    await v.ended;
    expect(v.state.bytes).toBe(20_000_000);
    expect(v.digest()).toBe(createHash('sha256').update(Buffer.alloc(20_000_000)).digest('hex'));
  });

  it('carries keystrokes to the stream and keeps output that came before the viewer attached', async () => {
    const written = join(mkdtempSync(join(tmpdir(), 'labvisor-stream-')), 'banner-written');
    const id = services.streams.add(processStream(`echo banner; : > ${written}; cat`));
    await waitFor(() => existsSync(written));
    const ws = connect(id);
    let text = '';
    ws.on('message', (d: Buffer, isBinary) => isBinary && (text += d.toString()));
    await opened(ws);
    ws.send(Buffer.from('typed line\n'), { binary: true });
    await waitFor(() => text.includes('typed line'));
    expect(text).toBe('banner\ntyped line\n');
    ws.close();
    await waitFor(() => services.streams.get(id) === undefined);
  });

  it('refuses an unknown stream and a second viewer', async () => {
    const closeCode = (ws: WebSocket) => new Promise<number>((r) => ws.once('close', (code) => r(code)));
    expect(await closeCode(connect('no-such-stream'))).toBe(4404);
    const id = services.streams.add(processStream('sleep 5'));
    const first = connect(id);
    await opened(first);
    expect(await closeCode(connect(id))).toBe(4409);
    first.close();
  });
});
