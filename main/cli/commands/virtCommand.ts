import type { DiscoverResult, Overcommit } from '../../../common/contract/virt';
import type { DomainSnapshot } from '../../../common/domain/virt';
import { callCommand, EXIT, printJson, printTable } from '../callCommand';
import { CliExit, type CliCommand, type CliContext } from '../cliTypes';
import { readAnswer } from '../terminalPrompt';
import { startOrderCommands } from './virt/startOrderCommands';

function usageError(ctx: CliContext, usage: string, why?: string): never {
  ctx.io.stderr.write(`labvisor: ${why ? `${why}; ` : ''}usage: ${usage}\n`);
  throw new CliExit(EXIT.usage);
}

/** Reverting or deleting a snapshot is destructive: `--yes`, or a person answering y at a terminal. */
async function confirm(ctx: CliContext, question: string, yes: boolean): Promise<void> {
  if (yes) return;
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

function printDiscovery(ctx: CliContext, r: DiscoverResult): number {
  if (ctx.json) printJson(ctx, r);
  else {
    printTable(
      ctx,
      ['DOMAIN', 'STATE', 'ACTION', 'HOST', 'MATCHED BY', 'CHANGES'],
      r.domains.map((d) => [
        d.name,
        d.state,
        d.action,
        d.hostName,
        d.matchedBy,
        d.changes.map((c) => c.field).join(','),
      ]),
    );
    for (const m of r.missing)
      ctx.io.stdout.write(`missing: ${m.hostName} (domain ${m.uuid ?? '?'} not found; kept)\n`);
    for (const s of r.skipped) ctx.io.stderr.write(`labvisor: domain ${s.uuid} not read: ${s.reason}\n`);
    ctx.io.stdout.write(
      `${r.dryRun ? 'would create' : 'created'} ${r.created}, ${r.dryRun ? 'would update' : 'updated'} ${r.updated}, ` +
        `unchanged ${r.unchanged}, missing ${r.missing.length} on ${r.hypervisor.hostName} (${r.hypervisor.uri})\n`,
    );
  }
  return r.skipped.length ? EXIT.error : EXIT.ok;
}

const vmDiscoverCommand: CliCommand = {
  name: 'vm discover',
  summary: 'Mark a host a hypervisor and create/update its VMs as child hosts (missing ones are only reported)',
  usage: 'labvisor vm discover HOST [--uri URI] [--dry-run] [--json]',
  options: { uri: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const [host, extra] = positionals;
    if (!host || extra) usageError(ctx, this.usage);
    const input = { host, ...(values.uri ? { uri: values.uri as string } : {}) };
    const r = values['dry-run']
      ? await callCommand(ctx, 'virt.preview', input)
      : await callCommand(ctx, 'virt.discover', input);
    return printDiscovery(ctx, r);
  },
};

const mib = (n: number) => (n >= 1024 ? `${(n / 1024).toFixed(n % 1024 ? 1 : 0)}G` : `${n}M`);

const vmListCommand: CliCommand = {
  name: 'vm list',
  summary: "List a hypervisor's VMs live from libvirt, with their inventory hosts and overcommit",
  usage: 'labvisor vm list HOST [--json]',
  async run(ctx, { positionals }) {
    const [host, extra] = positionals;
    if (!host || extra) usageError(ctx, this.usage);
    const r = await callCommand(ctx, 'virt.list', { host });
    if (ctx.json) {
      printJson(ctx, r.domains);
      return EXIT.ok;
    }
    printTable(
      ctx,
      ['NAME', 'STATE', 'VCPUS', 'MEMORY', 'AUTOSTART', 'GRAPHICS', 'PINNED', 'HOST'],
      r.domains.map((d) => [
        d.name,
        d.reason ? `${d.state} (${d.reason})` : d.state,
        d.vcpus,
        mib(d.memoryMiB),
        d.autostart === null ? '?' : d.autostart ? 'yes' : 'no',
        d.graphics.map((g) => `${g.type}${g.port ? `:${g.port}` : ''}${g.passwordSet ? ' (password)' : ''}`).join(' '),
        d.pinning.vcpupin.length ? d.pinning.vcpupin.map((p) => p.cpuset).join(',') : '',
        d.hostName,
      ]),
    );
    const o = r.overcommit;
    ctx.io.stdout.write(
      `running: ${o.vcpusRunning} vCPUs on ${o.cpus} CPUs (${o.cpuRatio}x), ${mib(o.memoryRunningMiB)} of ` +
        `${mib(o.memoryMiB)} memory (${o.memoryRatio}x)\n`,
    );
    printNuma(ctx, o);
    for (const p of o.sharedPins) ctx.io.stdout.write(`CPU ${p.cpu} pinned by ${p.domains.join(', ')}\n`);
    return EXIT.ok;
  },
};

function printNuma(ctx: CliContext, o: Overcommit): void {
  for (const n of o.numaNodes) {
    const flags = [n.overcommitted.cpu ? 'CPU' : '', n.overcommitted.memory ? 'memory' : ''].filter(Boolean);
    ctx.io.stdout.write(
      `NUMA node ${n.node}: ${n.vcpus} vCPUs on ${n.cpus} CPUs (${n.cpuRatio}x), ${mib(n.boundMemoryMiB)} of ` +
        `${mib(n.memoryMiB)} bound (${n.memoryRatio}x)${n.freeMiB === null ? '' : `, ${mib(n.freeMiB)} free`}` +
        `${flags.length ? ` — OVERCOMMITTED (${flags.join(', ')})` : ''}\n`,
    );
  }
}

const vmOvercommitCommand: CliCommand = {
  name: 'vm overcommit',
  summary: "A hypervisor's vCPUs and memory allocated vs physical, in total and per NUMA node",
  usage: 'labvisor vm overcommit HOST [--json]',
  async run(ctx, { positionals }) {
    const [host, extra] = positionals;
    if (!host || extra) usageError(ctx, this.usage);
    const r = await callCommand(ctx, 'virt.list', { host });
    const o = r.overcommit;
    if (ctx.json) {
      printJson(ctx, { hypervisor: r.hypervisor, node: r.node, ...o });
      return EXIT.ok;
    }
    ctx.io.stdout.write(
      `${r.hypervisor.hostName}: ${o.vcpusRunning} running vCPUs (${o.vcpusDefined} defined) on ${o.cpus} CPUs ` +
        `(${o.cpuRatio}x), ${mib(o.memoryRunningMiB)} running (${mib(o.memoryDefinedMiB)} defined) of ` +
        `${mib(o.memoryMiB)} (${o.memoryRatio}x)\n`,
    );
    if (!o.numaNodes.length) ctx.io.stdout.write('NUMA: libvirt reports no topology for this hypervisor\n');
    printNuma(ctx, o);
    for (const p of o.sharedPins) ctx.io.stdout.write(`CPU ${p.cpu} pinned by ${p.domains.join(', ')}\n`);
    return EXIT.ok;
  },
};

function printSnapshots(ctx: CliContext, list: DomainSnapshot[]): void {
  if (ctx.json) return printJson(ctx, list);
  printTable(
    ctx,
    ['NAME', 'KIND', 'CREATED', 'STATE', 'PARENT', 'CURRENT', 'DESCRIPTION'],
    list.map((s) => [s.name, s.kind, s.createdAt, s.state, s.parent, s.current ? '*' : '', s.description]),
  );
}

const vmSnapshotCommand: CliCommand = {
  name: 'vm snapshot',
  summary: "List, create, revert to or delete a VM's snapshots (revert and rm need --yes)",
  usage:
    'labvisor vm snapshot list VM | create VM NAME [--description TEXT] [--disk-only | --external] | revert VM NAME [--force] [--yes] | rm VM NAME [--metadata-only] [--yes] [--json]',
  options: {
    yes: { type: 'boolean', short: 'y' },
    description: { type: 'string' },
    force: { type: 'boolean' },
    'disk-only': { type: 'boolean' },
    external: { type: 'boolean' },
    'metadata-only': { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const [verb, vm, name, extra] = positionals;
    if (!vm || extra) usageError(ctx, this.usage);
    if (verb === 'list') {
      if (name) usageError(ctx, this.usage);
      printSnapshots(ctx, await callCommand(ctx, 'virt.snapshots', { vm }));
      return EXIT.ok;
    }
    if (!name) usageError(ctx, this.usage, 'a snapshot name is needed');
    const yes = Boolean(values.yes);
    if (verb === 'create') {
      const description = (values.description as string | undefined) ?? '';
      if (values['disk-only'] && values.external) usageError(ctx, this.usage, '--disk-only or --external, not both');
      const kind = values['disk-only'] ? 'disk-only' : values.external ? 'external' : 'internal';
      printSnapshots(ctx, await callCommand(ctx, 'virt.snapshotCreate', { vm, name, description, kind }));
    } else if (verb === 'revert') {
      await confirm(ctx, `revert ${vm} to snapshot "${name}" (its current state is lost)`, yes);
      const force = Boolean(values.force);
      printSnapshots(ctx, await callCommand(ctx, 'virt.snapshotRevert', { vm, name, force, confirmed: true }));
    } else if (verb === 'rm') {
      await confirm(ctx, `delete snapshot "${name}" of ${vm}`, yes);
      const metadataOnly = Boolean(values['metadata-only']);
      printSnapshots(ctx, await callCommand(ctx, 'virt.snapshotDelete', { vm, name, confirmed: true, metadataOnly }));
    } else usageError(ctx, this.usage, `unknown snapshot command "${verb ?? ''}"`);
    return EXIT.ok;
  },
};

const vmAutostartCommand: CliCommand = {
  name: 'vm autostart',
  summary: 'Start a VM when its hypervisor boots (on) or not (off)',
  usage: 'labvisor vm autostart VM on|off [--json]',
  async run(ctx, { positionals }) {
    const [vm, onOff, extra] = positionals;
    if (!vm || (onOff !== 'on' && onOff !== 'off') || extra) usageError(ctx, this.usage);
    const r = await callCommand(ctx, 'virt.setAutostart', { vm, on: onOff === 'on' });
    if (ctx.json) printJson(ctx, r);
    else ctx.io.stdout.write(`${vm}: autostart ${r.autostart ? 'on' : 'off'}\n`);
    return EXIT.ok;
  },
};

function suspendResume(verb: 'suspend' | 'resume'): CliCommand {
  return {
    name: `vm ${verb}`,
    summary: verb === 'suspend' ? 'Pause a running VM (its memory stays)' : 'Resume a paused VM',
    usage: `labvisor vm ${verb} VM [--json]`,
    async run(ctx, { positionals }) {
      const [vm, extra] = positionals;
      if (!vm || extra) usageError(ctx, this.usage);
      const r = await callCommand(ctx, verb === 'suspend' ? 'virt.suspend' : 'virt.resume', { vm });
      if (ctx.json) printJson(ctx, r);
      else ctx.io.stdout.write(`${vm}: ${r.state}\n`);
      return EXIT.ok;
    },
  };
}

export const virtCommands: CliCommand[] = [
  vmDiscoverCommand,
  vmListCommand,
  vmOvercommitCommand,
  vmSnapshotCommand,
  vmAutostartCommand,
  suspendResume('suspend'),
  suspendResume('resume'),
  ...startOrderCommands,
];
