import type { ReadStream } from 'node:tty';
import type { ByteStream, StreamEnd } from '../platform/byteStreams';
import type { CliIo } from './cliTypes';

export interface AttachOptions {
  /** Where keystrokes go (an escape watcher); default: straight to the stream. */
  input?: (chunk: Buffer) => void;
  /** Close the stream when standard input ends (consoles); a shell keeps running to show its output. */
  closeOnInputEnd?: boolean;
  /** Called on SIGWINCH, to follow the local window size. */
  onResize?: () => void;
}

/**
 * This terminal joined to a byte stream until the stream ends: raw mode while attached, output with back-pressure
 * (a slow terminal pauses the remote end instead of buffering here), and the terminal restored afterwards. One
 * owner for `labvisor ssh`, `sol` and `console`.
 */
export async function attachTerminal(io: CliIo, stream: ByteStream, opts: AttachOptions = {}): Promise<StreamEnd> {
  const stdin = io.stdin as ReadStream;
  const stdout = io.stdout;
  const raw = Boolean(stdin.isTTY) && typeof stdin.setRawMode === 'function';
  if (raw) stdin.setRawMode(true);
  const onInput = opts.input ?? ((chunk: Buffer) => stream.write(chunk));
  const onInputEnd = () => stream.close();
  stdin.on('data', onInput);
  if (opts.closeOnInputEnd) stdin.once('end', onInputEnd);
  if (opts.onResize) process.on('SIGWINCH', opts.onResize);
  stdin.resume();
  stream.onData((chunk) => {
    if (!stdout.write(chunk)) {
      stream.pause();
      stdout.once('drain', () => stream.resume());
    }
  });
  const end = await new Promise<StreamEnd>((resolve) => stream.onEnd(resolve));
  if (opts.onResize) process.off('SIGWINCH', opts.onResize);
  stdin.off('data', onInput);
  stdin.off('end', onInputEnd);
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  return end;
}
