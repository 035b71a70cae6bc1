import { AppError } from '../../../common/result';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';
import type { IpmiTarget } from './ipmiTarget';
import { shellCommand } from '../../../common/text/shellQuote';
import { ipmiArgs, ipmiError, type IpmiRunOptions } from './ipmiTool';

const OPERATIONAL = /SOL Session operational/;
const ALREADY_ACTIVE = /already active/i;
/** Printed once echo is off: only then is the password written (a pty echoes what arrives before `stty`). */
const READY = 'LABVISOR-SOL-PASSWORD';

/**
 * The remote command: the password is read from the first line of the pty with echo off (so it is never echoed
 * back into the console, nor on any command line), then ipmitool takes the pty over for the console.
 */
function jumpSolCommand(target: IpmiTarget, opts: IpmiRunOptions): string {
  const args = shellCommand([...ipmiArgs(target, opts.timeouts), 'sol', 'activate']);
  return (
    `stty -echo 2>/dev/null; printf '%s\\n' ${READY}; IFS= read -r IPMI_PASSWORD; stty echo 2>/dev/null; ` +
    `export IPMI_PASSWORD && exec ipmitool ${args}`
  );
}

/**
 * Serial-over-LAN where the BMC is reachable only from a jump host (the seed lab's iLO behind a Jetson): ipmitool
 * runs there over SSH with a pty, the password fed on the pty's first line as power commands feed it on stdin.
 * Resolves once ipmitool says the session is operational, the console speaks, or it is still running after its
 * reply timeouts; a refused or silent BMC rejects with the same error (and exit code) as any ipmitool command.
 */
export async function openJumpSol(target: IpmiTarget, opts: IpmiRunOptions): Promise<JumpSolStream> {
  if (!opts.remoteStream)
    throw new AppError('unsupported', `${target.hostName}: SOL through a jump host needs the SSH feature`);
  const started = Date.now();
  const remote = await opts.remoteStream(target.jumpHostId!, jumpSolCommand(target, opts));
  let passwordSent = false;
  const settleMs = opts.timeouts.replySec * (opts.timeouts.retries + 1) * 1000 + 1500;
  const early = await new Promise<Buffer[]>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let seen = '';
    const done = (error?: AppError) => {
      clearTimeout(timer);
      offData();
      offEnd();
      if (error) {
        remote.close();
        reject(error);
      } else resolve(chunks);
    };
    const offData = remote.onData((chunk) => {
      let text = Buffer.from(chunk).toString('utf8');
      if (!passwordSent) {
        seen += text;
        const at = seen.indexOf(READY);
        if (at < 0) return;
        passwordSent = true;
        remote.write(Buffer.from(`${target.password}\n`));
        text = seen.slice(at + READY.length).replace(/^\r?\n/, '');
        seen = '';
      }
      seen += text;
      if (ALREADY_ACTIVE.test(seen))
        done(new AppError('conflict', `${target.hostName}: SOL payload already active; reconnect with force`));
      else {
        // ipmitool's own banner is not console output.
        const console = text.replace(/\[?SOL Session operational[^\n]*\n?/, '');
        if (console) chunks.push(Buffer.from(console));
        if (OPERATIONAL.test(seen) || console.trim()) done();
      }
    });
    const offEnd = remote.onEnd(() =>
      done(
        ipmiError(target, ['sol', 'activate'], seen || 'SOL did not start', false, Date.now() - started, opts.timeouts),
      ),
    );
    const timer = setTimeout(() => done(), settleMs);
  });
  return new JumpSolStream(remote, early);
}

/** The SSH channel as the SOL console; `~.` ends ipmitool's session, closing the channel abandons it. */
export class JumpSolStream implements ByteStream {
  readonly kind = 'sol';

  constructor(
    private readonly remote: ByteStream,
    private early: Buffer[],
  ) {}

  get id(): string {
    return this.remote.id;
  }

  write(data: Uint8Array): void {
    this.remote.write(data);
  }

  resize(cols: number, rows: number): void {
    this.remote.resize?.(cols, rows);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    const early = this.early;
    this.early = [];
    for (const chunk of early) listener(chunk);
    return this.remote.onData(listener);
  }

  onEnd(listener: (end: StreamEnd) => void): () => void {
    return this.remote.onEnd(listener);
  }

  pause(): void {
    this.remote.pause();
  }

  resume(): void {
    this.remote.resume();
  }

  close(): void {
    // `~.` is only an escape right after a newline; the channel goes too if ipmitool lingers.
    this.remote.write(Buffer.from('\r~.'));
    const timer = setTimeout(() => this.remote.close(), 1500);
    this.remote.onEnd(() => clearTimeout(timer));
  }

  /** Hangs up the channel: ipmitool on the jump host gets SIGHUP, without a deactivate that would hit a successor. */
  abandon(): void {
    this.remote.close();
  }
}
