import type { CommandInput, CommandName, CommandOutput } from '../../common/contract';
import type { ErrorCode } from '../../common/result';
import { printable } from '../../common/text/printable';
import { CliExit, type CliContext } from './cliTypes';

/** Exit codes a script can rely on (docs/cli.md). */
export const EXIT = { ok: 0, error: 1, usage: 2, notFound: 3, refused: 4, unreachable: 5, auth: 6 } as const;

const EXIT_FOR: Partial<Record<ErrorCode, number>> = {
  invalid_input: EXIT.usage,
  unknown_command: EXIT.usage,
  not_found: EXIT.notFound,
  read_only: EXIT.refused,
  confirmation_required: EXIT.refused,
  protected_host: EXIT.refused,
  host_key_unknown: EXIT.refused,
  host_key_mismatch: EXIT.refused,
  host_key_revoked: EXIT.refused,
  certificate_mismatch: EXIT.refused,
  unreachable: EXIT.unreachable,
  timeout: EXIT.unreachable,
  auth_failed: EXIT.auth,
};

function exitCodeFor(code: ErrorCode | string): number {
  return EXIT_FOR[code as ErrorCode] ?? EXIT.error;
}

/**
 * The one rule for commands over many hosts: 0 only when every host was read or done; otherwise the exit code of
 * the failures, and when hosts failed for different reasons the highest of their codes (so a script sees the
 * credentials or certificate problem before the dead BMC beside it).
 */
export function exitForHosts(results: { error: { code: string } | null; ok?: boolean }[]): number {
  let exit: number = EXIT.ok;
  for (const r of results) {
    if (r.error) exit = Math.max(exit, exitCodeFor(r.error.code));
    else if (r.ok === false) exit = Math.max(exit, EXIT.error);
  }
  return exit;
}

/** Runs a contract command through the shared dispatcher as door `cli`; a failure is printed and exits. */
export async function callCommand<N extends CommandName>(
  ctx: CliContext,
  name: N,
  input: CommandInput<N>,
): Promise<CommandOutput<N>> {
  const result = await ctx.services().dispatch(name, input, { door: 'cli' });
  if (result.ok) return result.value as CommandOutput<N>;
  if (ctx.json)
    ctx.io.stderr.write(
      JSON.stringify({ error: { code: result.code, message: result.message, details: result.details } }) + '\n',
    );
  else ctx.io.stderr.write(`labvisor: ${printable(result.message)}\n`);
  throw new CliExit(exitCodeFor(result.code));
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/**
 * Fixed-width columns for people; scripts use --json. Cells are inventory, BMC and remote text: control
 * characters are shown escaped, so a host name cannot retitle, clear or write the clipboard of the terminal.
 */
export function printTable(ctx: CliContext, headers: string[], rows: (string | number | null)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '' : printable(String(c)))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  for (const row of cells) {
    ctx.io.stdout.write(
      row
        .map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c)))
        .join('  ')
        .trimEnd() + '\n',
    );
  }
}

/** CJK characters take two terminal columns (the lab's notes are often Chinese). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}
