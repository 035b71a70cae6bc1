import { attachTerminal } from '../../attachTerminal';
import { callCommand, EXIT } from '../../callCommand';
import type { CliCommand } from '../../cliTypes';

export const solCommand: CliCommand = {
  name: 'sol',
  summary: "Open a host's serial console over IPMI Serial-over-LAN (~. quits)",
  usage: 'labvisor sol HOST [--force]',
  options: { force: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const { streamId } = await callCommand(ctx, 'bmc.openSol', { host: positionals[0]!, force: Boolean(values.force) });
    const sol = ctx.services().streams.get(streamId)!;
    ctx.io.stderr.write('[SOL connected; type ~. at the start of a line to quit]\r\n');
    // Keystrokes go to ipmitool unchanged: it handles the `~.` escape itself and then exits, ending the stream.
    const end = await attachTerminal(ctx.io, sol, { closeOnInputEnd: true });
    ctx.io.stderr.write(`\r\n[${end.message}]\n`);
    return end.code ? EXIT.unreachable : EXIT.ok;
  },
};
