import type { BulkResult, HostStartup } from '../../../../common/contract/power';
import { callCommand, EXIT, exitForHosts, printJson, printTable } from '../../callCommand';
import { CliExit, type CliCommand, type CliContext, type ParsedArgs } from '../../cliTypes';
import { readAnswer } from '../../terminalPrompt';

function usageError(ctx: CliContext, usage: string, why?: string): never {
  ctx.io.stderr.write(`labvisor: ${why ? `${why}; ` : ''}usage: ${usage}\n`);
  throw new CliExit(EXIT.usage);
}

/** A whole number of seconds (or an order) from 0 to `max`; anything else is a usage error naming the flag. */
function wholeNumber(ctx: CliContext, values: ParsedArgs['values'], flag: string, max: number): number | undefined {
  const v = values[flag] as string | undefined;
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > max) usageError(ctx, `--${flag} 0..${max}`, `--${flag} got "${v}"`);
  return n;
}

function printStartup(ctx: CliContext, rows: HostStartup[]): void {
  if (ctx.json) return printJson(ctx, rows);
  printTable(
    ctx,
    ['HOST', 'ORDER', 'UP DELAY', 'DOWN DELAY'],
    rows.map((r) => [r.hostName, r.order ?? '-', `${r.upDelaySec}s`, `${r.downDelaySec}s`]),
  );
}

const vmStartupCommand: CliCommand = {
  name: 'vm startup',
  summary: 'Show or set the start order and delays of hosts (Proxmox-like; VMs and bare metal alike)',
  usage:
    'labvisor vm startup TARGET... [--json] | labvisor vm startup HOST [--order N|none] [--up-delay SEC] [--down-delay SEC] [--json]',
  options: { order: { type: 'string' }, 'up-delay': { type: 'string' }, 'down-delay': { type: 'string' } },
  async run(ctx, { values, positionals }) {
    if (!positionals.length) usageError(ctx, this.usage);
    const orderText = values.order as string | undefined;
    const order = orderText === 'none' ? null : wholeNumber(ctx, values, 'order', 9999);
    const upDelaySec = wholeNumber(ctx, values, 'up-delay', 3600);
    const downDelaySec = wholeNumber(ctx, values, 'down-delay', 3600);
    const changes = {
      ...(order !== undefined ? { order } : {}),
      ...(upDelaySec !== undefined ? { upDelaySec } : {}),
      ...(downDelaySec !== undefined ? { downDelaySec } : {}),
    };
    if (!Object.keys(changes).length) {
      printStartup(ctx, await callCommand(ctx, 'power.startup', { targets: positionals }));
      return EXIT.ok;
    }
    if (positionals.length !== 1) usageError(ctx, this.usage, 'set the start order of one host at a time');
    printStartup(ctx, [await callCommand(ctx, 'power.setStartup', { target: positionals[0]!, ...changes })]);
    return EXIT.ok;
  },
};

/** The VMs discovered under a hypervisor (child hosts with a libvirt domain), by name. */
async function vmsOf(ctx: CliContext, hypervisor: string): Promise<string[]> {
  const resolved = await callCommand(ctx, 'power.resolve', { targets: [hypervisor] });
  if (resolved.length !== 1)
    usageError(ctx, 'labvisor vm start-all HOST', `${hypervisor} names ${resolved.length} hosts`);
  const hosts = await callCommand(ctx, 'inventory.listHosts', {});
  const vms = hosts.filter(
    (h) => h.parentId === resolved[0]!.hostId && (h.hypervisor?.domainUuid || h.hypervisor?.domainName),
  );
  if (!vms.length) {
    ctx.io.stderr.write(`labvisor: ${hypervisor} has no VMs in the inventory (run labvisor vm discover first)\n`);
    throw new CliExit(EXIT.notFound);
  }
  return vms.map((h) => h.name);
}

function printResults(ctx: CliContext, r: BulkResult): number {
  if (ctx.json) printJson(ctx, r);
  else
    printTable(
      ctx,
      ['HOST', 'RESULT', 'BEFORE', 'AFTER', 'SECONDS', 'MESSAGE'],
      r.results.map((x) => [
        x.hostName,
        x.ok ? 'ok' : 'failed',
        x.before,
        x.after,
        (x.elapsedMs / 1000).toFixed(1),
        x.error?.message ?? '',
      ]),
    );
  return exitForHosts(r.results);
}

function allCommand(verb: 'start-all' | 'shutdown-all'): CliCommand {
  const up = verb === 'start-all';
  return {
    name: `vm ${verb}`,
    summary: up
      ? "Start every VM of a hypervisor in start order, with each order's up delay"
      : 'Shut every VM of a hypervisor down in reverse start order, with the down delays (--force: power off)',
    usage: up
      ? 'labvisor vm start-all HOST [--wait SEC] [--json]'
      : 'labvisor vm shutdown-all HOST [--force] [--yes] [--wait SEC] [--json]',
    options: {
      wait: { type: 'string' },
      ...(up ? {} : { force: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } }),
    },
    async run(ctx, { values, positionals }) {
      const [hypervisor, extra] = positionals;
      if (!hypervisor || extra) usageError(ctx, this.usage);
      const waitSec = wholeNumber(ctx, values, 'wait', 900);
      const names = await vmsOf(ctx, hypervisor);
      const action = up ? 'on' : values.force ? 'off' : 'soft';
      if (!up && !values.yes) {
        const question = `${action === 'off' ? 'Power off' : 'Shut down'} ${names.join(', ')}`;
        if (!ctx.io.interactive) {
          ctx.io.stderr.write(`labvisor: ${question}: add --yes to confirm\n`);
          throw new CliExit(EXIT.refused);
        }
        const answer = await readAnswer(ctx.io, `${question}? [y/N] `, true);
        if (!/^y(es)?$/i.test(answer?.trim() ?? '')) {
          ctx.io.stderr.write('labvisor: not confirmed; nothing was done\n');
          throw new CliExit(EXIT.refused);
        }
      }
      const r = await callCommand(ctx, 'power.set', {
        targets: names,
        action,
        ordered: true,
        ...(up ? {} : { confirm: { hostNames: names } }),
        ...(waitSec !== undefined ? { waitSec } : {}),
      });
      return printResults(ctx, r);
    },
  };
}

export const startOrderCommands: CliCommand[] = [vmStartupCommand, allCommand('start-all'), allCommand('shutdown-all')];
