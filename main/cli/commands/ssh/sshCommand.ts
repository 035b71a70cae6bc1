import { attachTerminal } from '../../attachTerminal';
import { callCommand, EXIT } from '../../callCommand';
import type { CliCommand, CliContext } from '../../cliTypes';
import { resolveHosts } from '../inventory/hostsCommands';
import { answerSshPromptsFromTerminal } from '../../terminalPrompt';

const clamp = (n: number | undefined, fallback: number, max: number) => Math.min(Math.max(n || fallback, 2), max);

/** ssh's convention for a remote command killed by a signal. */
const EXIT_SIGNALLED = 255;

export const sshCommand: CliCommand = {
  name: 'ssh',
  summary: 'Run a command on a host over SSH (through its jump hosts), or open a shell',
  usage: 'labvisor ssh HOST [--timeout SECONDS] [-- COMMAND...]',
  options: { timeout: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const [name, ...command] = positionals;
    if (!name) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const [host] = await resolveHosts(ctx, [name]);
    const stopAnswering = answerSshPromptsFromTerminal(ctx);
    try {
      if (command.length === 0) return await interactiveShell(ctx, host!.id);
      const timeoutMs = values.timeout === undefined ? 3_600_000 : Number(values.timeout) * 1000;
      const result = await callCommand(ctx, 'ssh.exec', {
        hostId: host!.id,
        command: command.join(' '),
        timeoutMs,
        prompt: ctx.io.interactive,
      });
      ctx.io.stdout.write(result.stdout);
      ctx.io.stderr.write(result.stderr);
      return result.exitCode ?? EXIT_SIGNALLED;
    } finally {
      stopAnswering();
    }
  },
};

/**
 * A shell with the local terminal in raw mode; window size follows SIGWINCH. It is opened with
 * `terminal.open` through the dispatcher like every other door's terminal: refused in read-only mode, audited.
 */
async function interactiveShell(ctx: CliContext, hostId: number): Promise<number> {
  const stdout = ctx.io.stdout as NodeJS.WriteStream;
  const size = () => ({ cols: clamp(stdout.columns, 80, 1000), rows: clamp(stdout.rows, 24, 1000) });
  const { streamId } = await callCommand(ctx, 'terminal.open', { hostId, ...size() });
  const shell = ctx.services().streams.get(streamId);
  if (!shell) {
    ctx.io.stderr.write('labvisor: the shell ended before it could be attached\n');
    return EXIT.unreachable;
  }
  const end = await attachTerminal(ctx.io, shell, { onResize: () => shell.resize?.(size().cols, size().rows) });
  const status = /exited with status (\d+)/.exec(end.message);
  if (end.code) {
    ctx.io.stderr.write(`\r\nlabvisor: ${end.message}\n`);
    return EXIT.unreachable;
  }
  return status ? Number(status[1]) : EXIT.ok;
}
