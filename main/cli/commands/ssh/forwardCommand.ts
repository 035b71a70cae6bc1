import { callCommand, EXIT } from '../../callCommand';
import type { CliCommand } from '../../cliTypes';
import { resolveHosts } from '../inventory/hostsCommands';

export const forwardCommand: CliCommand = {
  name: 'forward',
  summary: 'Forward a local port through a host (ssh -L) until Ctrl+C',
  usage: 'labvisor forward HOST [LOCALPORT:]REMOTEHOST:REMOTEPORT [--json]',
  async run(ctx, { positionals }) {
    const [name, spec] = positionals;
    const m = spec ? /^(?:(\d+):)?([^:]+|\[[^\]]+\]):(\d+)$/.exec(spec) : null;
    if (!name || !m) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const [host] = await resolveHosts(ctx, [name]);
    const forward = await callCommand(ctx, 'ssh.forwardCreate', {
      hostId: host!.id,
      localPort: m[1] ? Number(m[1]) : 0,
      remoteHost: m[2]!.replace(/^\[|\]$/g, ''),
      remotePort: Number(m[3]),
    });
    if (ctx.json) ctx.io.stdout.write(JSON.stringify(forward) + '\n');
    else
      ctx.io.stdout.write(
        `forwarding ${forward.bindAddress}:${forward.localPort} -> ${forward.remoteHost}:${forward.remotePort} ` +
          `via ${forward.hostName}; Ctrl+C stops\n`,
      );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await callCommand(ctx, 'ssh.forwardStop', { id: forward.id });
    return EXIT.ok;
  },
};
