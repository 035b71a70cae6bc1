import { AppError } from '../../../common/result';
import { shellCommand, shellQuote } from '../../../common/text/shellQuote';

/** Runs one command line on the hypervisor (the SSH feature's pooled exec). */
export type HypervisorExec = (
  command: string,
  opts: { timeoutMs: number },
) => Promise<{ stdout: string; stderr: string; exitCode: number | null }>;

/** A virsh command as words, e.g. `['domstate', '--reason', uuid]`. */
export type VirshCommand = readonly string[];

/** TCG hypervisors (and busy ones) answer slowly: a define or a snapshot can take tens of seconds. */
const VIRSH_TIMEOUT_MS = 120_000;

/**
 * Longest single argument Linux passes to a program (MAX_ARG_STRLEN is 128 KiB): batches are split below it,
 * each part one `virsh` invocation, all in the same remote command line (one SSH channel).
 */
const MAX_BATCH_CHARS = 100_000;

/**
 * virsh on a hypervisor over SSH. Every word of every command is quoted by shellQuote for the remote shell, and a
 * batch (several virsh commands in one invocation, `;`-separated) quotes each word for virsh's own parser too,
 * which follows the same rules; the C locale keeps the output parseable.
 */
export class VirshClient {
  constructor(
    private readonly exec: HypervisorExec,
    readonly uri: string,
    readonly hostName: string,
  ) {}

  private prefix(): string {
    return `env LC_ALL=C virsh -c ${shellQuote(this.uri)}`;
  }

  /** One virsh command; its stdout, or an AppError naming what went wrong. */
  async run(command: VirshCommand, timeoutMs = VIRSH_TIMEOUT_MS): Promise<string> {
    const r = await this.exec(`${this.prefix()} ${shellCommand(command)}`, { timeoutMs });
    if (r.exitCode === 0) return r.stdout;
    throw this.error(command, r.stderr || r.stdout, r.exitCode);
  }

  /**
   * Several commands in as few virsh invocations as fit, all in one channel. virsh keeps going after a failed
   * command, so callers put `echo` markers between commands to tell the outputs apart; only a failure to run
   * virsh at all (connection refused, not installed) is an error here.
   */
  async batch(commands: VirshCommand[], timeoutMs = VIRSH_TIMEOUT_MS): Promise<{ stdout: string; stderr: string }> {
    const parts: string[] = [];
    let current = '';
    for (const words of commands) {
      const text = shellCommand(words);
      if (current && current.length + text.length + 2 > MAX_BATCH_CHARS) {
        parts.push(current);
        current = '';
      }
      current += current ? ` ; ${text}` : text;
    }
    if (current) parts.push(current);
    const line = parts.map((p) => `${this.prefix()} ${shellQuote(p)}`).join(' && ');
    const r = await this.exec(line, { timeoutMs });
    if (r.exitCode === 0 || /^\s*$/.test(r.stderr) || !this.fatal(r.stderr, r.exitCode))
      return { stdout: r.stdout, stderr: r.stderr };
    throw this.error(commands[0] ?? [], r.stderr, r.exitCode);
  }

  private fatal(stderr: string, exitCode: number | null): boolean {
    return exitCode === null || exitCode === 127 || /failed to connect|authentication|not found: virsh/i.test(stderr);
  }

  private error(command: VirshCommand, output: string, exitCode: number | null): AppError {
    const what = `${this.hostName} (${this.uri}) virsh ${command[0] ?? ''}`;
    const text = output
      .trim()
      .split('\n')
      .filter(Boolean)
      .slice(-2)
      .join('; ')
      .replace(/^error: /, '');
    if (exitCode === 127 || /virsh: (command )?not found/i.test(output))
      return new AppError('unsupported', `${this.hostName}: virsh is not installed (apt install libvirt-clients)`);
    if (exitCode === null) return new AppError('unreachable', `${what}: the connection closed before virsh finished`);
    if (/authentication (failed|unavailable)|access denied|permission denied|not authorized/i.test(output))
      return new AppError('auth_failed', `${what}: libvirt refused access (${text})`);
    if (/failed to connect to the hypervisor/i.test(output))
      return new AppError('unreachable', `${what}: cannot connect to libvirt (${text})`);
    if (/failed to get domain|domain not found|no domain with matching/i.test(output))
      return new AppError('not_found', `${what}: no such domain`);
    if (/snapshot not found|no domain snapshot with matching/i.test(output))
      return new AppError('not_found', `${what}: no such snapshot`);
    return new AppError('remote_error', `${what}: ${text || `exit code ${exitCode}`}`);
  }
}
