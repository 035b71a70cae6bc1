import { createServer, connect, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { duplexByteStream } from './duplexByteStream';

/** A real TCP connection on loopback: the far end (`remote`) and our socket. */
async function socketPair(): Promise<{ server: Server; remote: Socket; local: Socket }> {
  const server = createServer();
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const local = connect({ host: '127.0.0.1', port });
  await new Promise((resolve) => local.once('connect', resolve));
  return { server, remote: await accepted, local };
}

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString();

describe('duplexByteStream', () => {
  let server: Server | null = null;
  afterEach(() => server?.close());

  it('holds what arrives before a viewer, gives the early bytes first, merges a second source, and ends once', async () => {
    const pair = await socketPair();
    server = pair.server;
    const stderr = new PassThrough();
    const release = vi.fn();
    const stream = duplexByteStream(pair.local, {
      kind: 'test',
      early: Buffer.from('early;'),
      also: stderr,
      release,
      closedMessage: () => 'the far end closed',
      lostMessage: (e) => `lost: ${e.message}`,
    });
    pair.remote.write('before-viewer;');
    stderr.write('err;');
    // Nothing flows while no viewer listens: the bytes wait in the socket, not in a listener nobody has.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const got: Uint8Array[] = [];
    const ends: unknown[] = [];
    stream.onEnd((end) => ends.push(end));
    stream.onData((chunk) => got.push(chunk));
    await vi.waitFor(() => expect(text(got)).toContain('before-viewer;'));
    await vi.waitFor(() => expect(text(got)).toContain('err;'));
    expect(text(got).startsWith('early;')).toBe(true);

    // Paused by the viewer: the far end's bytes stay in the socket until resumed.
    stream.pause();
    pair.remote.write('while-paused;');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text(got)).not.toContain('while-paused;');
    stream.resume();
    await vi.waitFor(() => expect(text(got)).toContain('while-paused;'));

    // Keystrokes reach the far end.
    const remoteGot = new Promise<string>((resolve) => pair.remote.once('data', (d) => resolve(d.toString())));
    stream.write(new TextEncoder().encode('keys'));
    expect(await remoteGot).toBe('keys');

    pair.remote.end();
    await vi.waitFor(() => expect(ends).toEqual([{ code: null, message: 'the far end closed' }]));
    expect(release).toHaveBeenCalledTimes(1);
    stream.close();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('a user close goes through the given close and ends the stream for its listeners', async () => {
    const pair = await socketPair();
    server = pair.server;
    const close = vi.fn(() => pair.local.destroy());
    const stream = duplexByteStream(pair.local, {
      kind: 'test',
      release: () => {},
      close,
      closedMessage: () => 'closed',
      lostMessage: (e) => e.message,
    });
    const ends: unknown[] = [];
    stream.onEnd((end) => ends.push(end));
    stream.close();
    expect(close).toHaveBeenCalledTimes(1);
    expect(ends).toEqual([{ code: null, message: 'closed by the user' }]);
    await new Promise((resolve) => pair.remote.once('close', resolve));
  });
});
