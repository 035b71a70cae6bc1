import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/result';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';
import type { IpmiTarget } from './ipmiTarget';
import { openJumpSol, type JumpSolStream } from './ipmiJumpSol';
import { ipmiArgs, ipmiError, runIpmitool, type IpmiRunOptions } from './ipmiTool';

const OPERATIONAL = /SOL Session operational/;
const ALREADY_ACTIVE = /already active/i;
/** Output kept for a viewer that has not attached yet (the guest's banner, a login prompt). */
const EARLY_BUFFER_LIMIT = 256 * 1024;

export async function deactivateSol(target: IpmiTarget, opts: IpmiRunOptions): Promise<void> {
  await runIpmitool(target, ['sol', 'deactivate'], opts).catch((e: unknown) => {
    // Deactivating a session nobody holds is what we wanted anyway.
    if (!(e instanceof AppError && /not activated|de-?activated/i.test(e.message))) throw e;
  });
}

/**
 * Serial-over-LAN through `ipmitool sol activate` on pipes (ipmitool warns about tcgetattr and works). The password
 * is in the child's environment only. Closing sends ipmitool's `~.` escape, then ends the process if it lingers.
 */
export async function openIpmiSol(
  target: IpmiTarget,
  opts: IpmiRunOptions,
  force: boolean,
): Promise<IpmiSolStream | JumpSolStream> {
  if (force) await deactivateSol(target, opts);
  if (target.jumpHostId) return openJumpSol(target, opts);
  const child = spawn('ipmitool', [...ipmiArgs(target, opts.timeouts), 'sol', 'activate'], {
    env: { ...process.env, IPMI_PASSWORD: target.password },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A refused or unanswered session ends ipmitool within its reply timeouts; one still running after that is up.
  const settleMs = opts.timeouts.replySec * (opts.timeouts.retries + 1) * 1000 + 500;
  return new IpmiSolStream(child, await waitOperational(child, target, settleMs, opts));
}

/**
 * ipmitool announces "SOL Session operational" on a terminal but not always on pipes, so a session counts as up
 * when that line or the first console byte arrives, or when ipmitool is still running after `settleMs`.
 */
function waitOperational(
  child: ChildProcess,
  target: IpmiTarget,
  settleMs: number,
  opts: IpmiRunOptions,
): Promise<Buffer[]> {
  const started = Date.now();
  return new Promise((resolveReady, reject) => {
    let seen = '';
    const early: Buffer[] = [];
    const fail = (error: AppError) => {
      cleanup();
      child.kill('SIGTERM');
      reject(error);
    };
    const ready = () => {
      cleanup();
      resolveReady(early);
    };
    const onText = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (ALREADY_ACTIVE.test(seen))
        fail(new AppError('conflict', `${target.hostName}: SOL payload already active; reconnect with force`));
      else if (OPERATIONAL.test(seen)) ready();
    };
    const onConsole = (chunk: Buffer) => {
      early.push(chunk);
      ready();
    };
    // A dead BMC or a refused password: the same classification (and exit code) as every other ipmitool command.
    const onExit = () =>
      fail(
        ipmiError(target, ['sol', 'activate'], seen || 'SOL did not start', false, Date.now() - started, opts.timeouts),
      );
    const timer = setTimeout(ready, settleMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onConsole);
      child.stderr?.off('data', onText);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onConsole);
    child.stderr?.on('data', onText);
    child.once('exit', onExit);
  });
}

export class IpmiSolStream implements ByteStream {
  readonly id = randomUUID();
  readonly kind = 'sol';
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly endListeners = new Set<(end: StreamEnd) => void>();
  private earlyBytes = 0;
  private ended: StreamEnd | null = null;

  /** `early`: console bytes that arrived while the session was starting, kept for the first viewer. */
  constructor(
    private readonly child: ChildProcess,
    private early: Buffer[],
  ) {
    child.stdout!.on('data', (chunk: Buffer) => this.deliver(chunk));
    child.stdin!.on('error', () => {});
    child.once('exit', (code) => {
      this.finish({ code: null, message: `SOL session ended (ipmitool exited with ${code})` });
    });
  }

  private deliver(chunk: Buffer): void {
    if (this.dataListeners.size === 0) {
      if (this.earlyBytes + chunk.length <= EARLY_BUFFER_LIMIT) {
        this.early.push(chunk);
        this.earlyBytes += chunk.length;
      }
      return;
    }
    for (const l of this.dataListeners) l(chunk);
  }

  private finish(end: StreamEnd): void {
    if (this.ended) return;
    this.ended = end;
    for (const l of this.endListeners) l(end);
  }

  write(data: Uint8Array): void {
    if (!this.ended) this.child.stdin!.write(data);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    const early = this.early;
    this.early = [];
    this.earlyBytes = 0;
    for (const chunk of early) listener(chunk);
    return () => this.dataListeners.delete(listener);
  }

  onEnd(listener: (end: StreamEnd) => void): () => void {
    if (this.ended) listener(this.ended);
    else this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  pause(): void {
    this.child.stdout!.pause();
  }

  resume(): void {
    this.child.stdout!.resume();
  }

  close(): void {
    if (this.ended) return;
    // `~.` is only an escape right after a newline.
    this.child.stdin!.write('\r~.');
    const timer = setTimeout(() => this.child.kill('SIGTERM'), 1500);
    this.child.once('exit', () => clearTimeout(timer));
  }

  /** Ends ipmitool without the `~.` escape, whose deactivate would hit the session that replaces this one. */
  abandon(): void {
    this.child.kill('SIGTERM');
  }
}
