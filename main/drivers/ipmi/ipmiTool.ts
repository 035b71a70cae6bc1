import { AppError } from '../../../common/result';
import { shellCommand } from '../../../common/text/shellQuote';
import type { ByteStream } from '../../platform/byteStreams';
import type { IpmiTarget } from './ipmiTarget';

/** How long ipmitool may wait for a BMC: `-N` seconds per try and `-R` retries bound a dead BMC to ~N×(R+1) s. */
export interface IpmiTimeouts {
  /** `-N`: seconds to wait for each reply. */
  replySec: number;
  /** `-R`: retries after the first try. */
  retries: number;
  /** Wall-clock limit for one whole command (a sensor list is many requests). */
  commandMs: number;
}

export const DEFAULT_IPMI_TIMEOUTS: IpmiTimeouts = { replySec: 1, retries: 1, commandMs: 30_000 };

/** Runs ipmitool on a jump host: `command` is run by its shell, `stdin` is fed to it (the password's only route). */
export type RemoteExec = (
  hostId: number,
  command: string,
  opts: { timeoutMs: number; stdin: string },
) => Promise<{ stdout: string; stderr: string; exitCode: number | null }>;

export interface IpmiRunOptions {
  timeouts: IpmiTimeouts;
  remoteExec: RemoteExec | null;
  /** A pty-backed command on a jump host (SOL there); null: no SSH feature. */
  remoteStream?: ((hostId: number, command: string) => Promise<ByteStream>) | null;
}

/** The connection arguments; never `-P`: the password reaches ipmitool only through IPMI_PASSWORD (`-E`). */
export function ipmiArgs(target: IpmiTarget, timeouts: IpmiTimeouts): string[] {
  return [
    '-I',
    'lanplus',
    '-C',
    String(target.cipherSuite),
    '-H',
    target.address,
    '-p',
    String(target.port),
    '-U',
    target.user,
    '-E',
    '-N',
    String(timeouts.replySec),
    '-R',
    String(timeouts.retries),
  ];
}

/** Runs one ipmitool command against a BMC and returns its stdout; failures become AppErrors with a clear code. */
export async function runIpmitool(target: IpmiTarget, command: string[], opts: IpmiRunOptions): Promise<string> {
  const args = [...ipmiArgs(target, opts.timeouts), ...command];
  const started = Date.now();
  const { stdout, stderr, code, timedOut } = target.jumpHostId
    ? await runRemote(target, args, opts)
    : await runLocal(target, args, opts.timeouts.commandMs);
  if (code === 0 && !timedOut) return stdout;
  throw ipmiError(target, command, stderr || stdout, timedOut, Date.now() - started, opts.timeouts);
}

async function runLocal(target: IpmiTarget, args: string[], timeoutMs: number) {
  // execa loads with the first ipmitool run, not with every CLI command.
  const { execa } = await import('execa');
  const r = await execa('ipmitool', args, {
    env: { IPMI_PASSWORD: target.password },
    extendEnv: true,
    reject: false,
    timeout: timeoutMs,
    stdin: 'ignore',
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode ?? null, timedOut: Boolean(r.timedOut) };
}

async function runRemote(target: IpmiTarget, args: string[], opts: IpmiRunOptions) {
  if (!opts.remoteExec)
    throw new AppError('unsupported', `${target.hostName}: reaching a BMC through a jump host needs the SSH feature`);
  // The password is read from stdin into the environment, so it never appears on the remote command line.
  const command = `IFS= read -r IPMI_PASSWORD && export IPMI_PASSWORD && exec ipmitool ${shellCommand(args)}`;
  const r = await opts.remoteExec(target.jumpHostId!, command, {
    timeoutMs: opts.timeouts.commandMs,
    stdin: `${target.password}\n`,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode, timedOut: false };
}

/** What ipmitool's output says went wrong, as an error with the code scripts rely on (docs/cli.md). */
export function ipmiError(
  target: IpmiTarget,
  command: string[],
  output: string,
  timedOut: boolean,
  elapsedMs: number,
  timeouts: IpmiTimeouts,
): AppError {
  const what = `${target.hostName} (${target.address}:${target.port}) ${command.slice(0, 3).join(' ')}`;
  const text = output.trim().split('\n').filter(Boolean).slice(-2).join('; ');
  if (timedOut) return new AppError('timeout', `${what}: no answer within ${timeouts.commandMs} ms`);
  if (/RAKP 2 HMAC is invalid|unauthorized name|invalid user name|password/i.test(output))
    return new AppError('auth_failed', `${what}: the BMC refused the user name or password`);
  if (/Unable to establish IPMI v2|Activate Session|Get Auth Capabilities|No response/i.test(output)) {
    // ipmitool prints the same line for a silent BMC and a refused login. A silent one costs every try
    // (-N × (-R + 1)); a refusal comes back sooner, even on a loaded machine where spawning alone takes a second.
    const silent = elapsedMs >= timeouts.replySec * (timeouts.retries + 1) * 1000 * 0.8;
    return silent
      ? new AppError('unreachable', `${what}: the BMC did not answer (waited ${(elapsedMs / 1000).toFixed(1)} s)`)
      : new AppError('auth_failed', `${what}: the BMC refused the session (wrong user, password or cipher suite?)`);
  }
  if (/ENOENT|not found/i.test(output) && /ipmitool/.test(output))
    return new AppError('unsupported', `${what}: ipmitool is not installed`);
  return new AppError('remote_error', `${what}: ${text || 'ipmitool failed'}`);
}
