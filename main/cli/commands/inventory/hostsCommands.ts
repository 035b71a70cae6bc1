import { printable } from '../../../../common/text/printable';
import { HostFields, HOST_KINDS, type Host } from '../../../../common/domain/host';
import { callCommand, EXIT, printJson, printTable } from '../../callCommand';
import { CliExit, type CliCommand, type CliContext } from '../../cliTypes';

/**
 * Finds one host per name: its name, else an alias only it carries. Unknown names are an error naming them all;
 * an alias several hosts carry (`etcd` on a cluster) is an error listing them, since these commands act on one.
 */
export async function resolveHosts(ctx: CliContext, names: string[]): Promise<Host[]> {
  const hosts = await callCommand(ctx, 'inventory.listHosts', {});
  const found: Host[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const named = hosts.find((h) => h.name.toLowerCase() === lower);
    const carriers = named ? [named] : hosts.filter((h) => h.aliases.some((a) => a.name.toLowerCase() === lower));
    if (carriers.length > 1) {
      ctx.io.stderr.write(
        `labvisor: ${name} is an alias of ${carriers.map((h) => h.name).join(', ')}; name one of them\n`,
      );
      throw new CliExit(EXIT.usage);
    }
    if (carriers[0]) found.push(carriers[0]);
    else missing.push(name);
  }
  if (missing.length) {
    ctx.io.stderr.write(`labvisor: no such host: ${missing.join(', ')}\n`);
    throw new CliExit(EXIT.notFound);
  }
  return found;
}

export const hostsListCommand: CliCommand = {
  name: 'hosts list',
  summary: 'List the inventory',
  usage: 'labvisor hosts list [--json]',
  async run(ctx) {
    const hosts = await callCommand(ctx, 'inventory.listHosts', {});
    if (ctx.json) return (printJson(ctx, hosts), EXIT.ok);
    const names = new Map(hosts.map((h) => [h.id, h.name]));
    printTable(
      ctx,
      ['NAME', 'KIND', 'LAYER', 'PARENT', 'CLUSTER', 'ROLE', 'ADDRESS', 'CPU', 'MEM(G)', 'NOTES'],
      hosts.map((h) => [
        h.name,
        h.kind,
        h.layer,
        h.parentId ? (names.get(h.parentId) ?? null) : null,
        h.cluster,
        h.role,
        h.addresses.map((a) => a.address).join(','),
        h.cpus,
        h.memoryGiB,
        h.notes.split('\n')[0] ?? '',
      ]),
    );
    return EXIT.ok;
  },
};

export const hostsAddCommand: CliCommand = {
  name: 'hosts add',
  summary: 'Add a host',
  usage:
    'labvisor hosts add NAME [--address IP] [--kind physical|vm|container|device] [--layer N] [--parent HOST] [--cluster C] [--role R] [--cpus N] [--memory GIB] [--disk GIB] [--ssh-user U] [--ssh-port N] [--jump HOST] [--tag T]... [--notes TEXT] [--json]',
  options: {
    address: { type: 'string', multiple: true },
    kind: { type: 'string' },
    layer: { type: 'string' },
    parent: { type: 'string' },
    cluster: { type: 'string' },
    role: { type: 'string' },
    cpus: { type: 'string' },
    memory: { type: 'string' },
    disk: { type: 'string' },
    'ssh-user': { type: 'string' },
    'ssh-port': { type: 'string' },
    jump: { type: 'string' },
    tag: { type: 'string', multiple: true },
    notes: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const [name, ...extra] = positionals;
    if (!name || extra.length) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const kind = values.kind as string | undefined;
    if (kind && !(HOST_KINDS as readonly string[]).includes(kind)) {
      ctx.io.stderr.write(`labvisor: --kind must be one of ${HOST_KINDS.join(', ')}\n`);
      return EXIT.usage;
    }
    const num = (flag: string) => {
      const v = values[flag] as string | undefined;
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) {
        ctx.io.stderr.write(`labvisor: --${flag} must be a number, got "${v}"\n`);
        throw new CliExit(EXIT.usage);
      }
      return n;
    };
    const refId = async (flag: string) => {
      const v = values[flag] as string | undefined;
      return v === undefined ? null : (await resolveHosts(ctx, [v]))[0]!.id;
    };
    const fields = HostFields.safeParse({
      name,
      ...(kind ? { kind } : {}),
      ...(values.layer !== undefined ? { layer: num('layer') } : {}),
      parentId: await refId('parent'),
      cluster: (values.cluster as string | undefined) ?? null,
      role: (values.role as string | undefined) ?? null,
      cpus: num('cpus') ?? null,
      memoryGiB: num('memory') ?? null,
      diskGiB: num('disk') ?? null,
      notes: (values.notes as string | undefined) ?? '',
      tags: (values.tag as string[] | undefined) ?? [],
      addresses: ((values.address as string[] | undefined) ?? []).map((address, i) => ({
        label: i === 0 ? 'management' : 'other',
        address,
      })),
      ssh: {
        user: (values['ssh-user'] as string | undefined) ?? null,
        port: num('ssh-port') ?? null,
        jumpHostId: await refId('jump'),
      },
    });
    if (!fields.success) {
      ctx.io.stderr.write(
        `labvisor: ${fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
      );
      return EXIT.usage;
    }
    const host = await callCommand(ctx, 'inventory.addHost', fields.data);
    if (ctx.json) printJson(ctx, host);
    else ctx.io.stdout.write(`added ${printable(host.name)} (#${host.id})\n`);
    return EXIT.ok;
  },
};

export const hostsRmCommand: CliCommand = {
  name: 'hosts rm',
  summary: 'Remove hosts (their VMs stay, without a parent)',
  usage: 'labvisor hosts rm HOST... [--yes] [--json]',
  options: { yes: { type: 'boolean', short: 'y' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length === 0) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const hosts = await resolveHosts(ctx, positionals);
    if (!values.yes) {
      ctx.io.stderr.write(
        `labvisor: this removes ${hosts.map((h) => h.name).join(', ')} from the inventory; add --yes to confirm\n`,
      );
      return EXIT.refused;
    }
    const { removed } = await callCommand(ctx, 'inventory.removeHosts', { ids: hosts.map((h) => h.id) });
    if (ctx.json) printJson(ctx, { removed, names: hosts.map((h) => h.name) });
    else ctx.io.stdout.write(`removed ${removed} host${removed === 1 ? '' : 's'}\n`);
    return EXIT.ok;
  },
};
