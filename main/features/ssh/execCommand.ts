import type { ClientChannel } from 'ssh2';
import type { ExecResult } from '../../../common/contract/ssh';
import { AppError } from '../../../common/result';

/** Output beyond this is dropped (and said so in stderr): exec results travel through the dispatcher. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export interface ExecOptions {
  timeoutMs: number;
  stdin?: string | undefined;
}

/** Collects the output of one command's exec channel; the channel is closed on timeout. */
export function execCommand(channel: ClientChannel, opts: ExecOptions, hostName: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let exitCode: number | null = null;
    let signal: string | null = null;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (size + chunk.length > MAX_OUTPUT_BYTES) truncated = true;
      else into.push(chunk);
      size += chunk.length;
    };
    const timer = setTimeout(() => {
      channel.close();
      reject(new AppError('timeout', `the command on ${hostName} did not finish within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    channel.on('data', collect(out));
    channel.stderr.on('data', collect(err));
    channel.on('exit', (code: number | null, sig?: string) => {
      exitCode = typeof code === 'number' ? code : null;
      signal = sig ?? null;
    });
    channel.on('close', () => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: truncated ? `${stderr}\n[labvisor: output beyond ${MAX_OUTPUT_BYTES} bytes was dropped]` : stderr,
        exitCode,
        signal,
      });
    });
    if (opts.stdin !== undefined) channel.end(opts.stdin);
    else channel.end();
  });
}
