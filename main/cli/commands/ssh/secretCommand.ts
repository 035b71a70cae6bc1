import { printable } from '../../../../common/text/printable';
import { EXIT, callCommand, printJson } from '../../callCommand';
import type { CliCommand, CliIo } from '../../cliTypes';
import { resolveHosts } from '../inventory/hostsCommands';
import { readAnswer } from '../../terminalPrompt';

/** The whole of stdin, without its final newline (for `echo secret | labvisor secret set HOST`). */
export async function readStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

export const secretSetCommand: CliCommand = {
  name: 'secret set',
  summary:
    "Store a host's SSH password, key passphrase or BMC password in the vault; read without echo, never from argv",
  usage: 'labvisor secret set HOST [--passphrase | --bmc]   (the secret comes from a hidden prompt or stdin)',
  options: { passphrase: { type: 'boolean' }, bmc: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const [host] = await resolveHosts(ctx, positionals);
    const kind = values.bmc ? 'BMC password' : values.passphrase ? 'passphrase' : 'password';
    const label = { password: 'Password', passphrase: 'Key passphrase', 'BMC password': 'BMC password' }[kind];
    const secret = ctx.io.stdin.isTTY
      ? await readAnswer(ctx.io, `${label} for ${host!.name}: `, false)
      : await readStdin(ctx.io);
    if (!secret) {
      ctx.io.stderr.write('labvisor: no secret given; nothing stored\n');
      return EXIT.usage;
    }
    const { ref } =
      kind === 'BMC password'
        ? await callCommand(ctx, 'bmc.setPassword', { hostId: host!.id, password: secret })
        : await callCommand(ctx, 'ssh.setSecret', { hostId: host!.id, kind, secret });
    if (ctx.json) printJson(ctx, { host: host!.name, kind, ref });
    else ctx.io.stdout.write(`stored the ${kind} for ${printable(host!.name)} in the vault\n`);
    return EXIT.ok;
  },
};

export const secretClearCommand: CliCommand = {
  name: 'secret clear',
  summary: "Remove a host's SSH password, key passphrase or BMC password from the vault",
  usage: 'labvisor secret clear HOST [--passphrase | --bmc]',
  options: { passphrase: { type: 'boolean' }, bmc: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const [host] = await resolveHosts(ctx, positionals);
    const kind = values.bmc ? 'BMC password' : values.passphrase ? 'passphrase' : 'password';
    const { removed } =
      kind === 'BMC password'
        ? await callCommand(ctx, 'bmc.clearPassword', { hostId: host!.id })
        : await callCommand(ctx, 'ssh.clearSecret', { hostId: host!.id, kind });
    if (ctx.json) printJson(ctx, { host: host!.name, kind, removed });
    else ctx.io.stdout.write(removed ? `removed the ${kind} of ${printable(host!.name)}\n` : `no ${kind} was stored\n`);
    return EXIT.ok;
  },
};
