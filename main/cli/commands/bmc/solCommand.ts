import type { ReadStream } from 'node:tty';
import type { StreamEnd } from '../../../platform/byteStreams';
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
    const stdin = ctx.io.stdin as ReadStream;
    const stdout = ctx.io.stdout;
    ctx.io.stderr.write('[SOL connected; type ~. at the start of a line to quit]\r\n');
    const raw = Boolean(stdin.isTTY) && typeof stdin.setRawMode === 'function';
    if (raw) stdin.setRawMode(true);
    // Keystrokes go to ipmitool unchanged: it handles the `~.` escape itself and then exits, ending the stream.
    const onInput = (chunk: Buffer) => sol.write(chunk);
    const onEnd = () => sol.close();
    stdin.on('data', onInput);
    stdin.once('end', onEnd);
    stdin.resume();
    sol.onData((chunk) => {
      if (!stdout.write(chunk)) {
        sol.pause();
        stdout.once('drain', () => sol.resume());
      }
    });
    const end = await new Promise<StreamEnd>((resolve) => sol.onEnd(resolve));
    stdin.off('data', onInput);
    stdin.off('end', onEnd);
    if (raw) stdin.setRawMode(false);
    stdin.pause();
    ctx.io.stderr.write(`\r\n[${end.message}]\n`);
    return end.code ? EXIT.unreachable : EXIT.ok;
  },
};
