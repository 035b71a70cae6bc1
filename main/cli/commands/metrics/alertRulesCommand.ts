import type { AlertRule, QuietHours } from '../../../../common/contract/metrics';
import type { AlertRuleInput } from '../../../features/metrics/alerts/alertEngine';
import { callCommand, EXIT, printJson, printTable } from '../../callCommand';
import { CliExit, type CliCommand, type CliContext } from '../../cliTypes';

const SET_USAGE =
  'labvisor alerts rules set [ID] [--name TEXT] [--kind unreachable|threshold|vmState|bmc] [--metric NAME] ' +
  '[--above N | --below N] [--for DURATION] [--hosts H,...] [--clusters C,...] [--tags T,...] ' +
  '[--quiet HH:MM-HH:MM|off] [--enable | --disable] [--json]';

/** `90`, `90s`, `10m`, `2h`, `1d` → seconds; anything else is left for the schema to refuse. */
function durationSec(text: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

/** `22:00-07:00` → quiet hours; `off` → none. The times themselves are checked by the schema. */
function quietHours(text: string): QuietHours | null {
  if (text.trim() === 'off') return null;
  const [from = '', to = ''] = text.split('-').map((s) => s.trim());
  return { from, to };
}

/** A comma list; an empty value clears the list. */
const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function describeCondition(r: AlertRule): string {
  if (r.kind === 'threshold') return `${r.metric} ${r.op} ${r.threshold}`;
  if (r.kind === 'unreachable') return 'unreachable';
  if (r.kind === 'vmState') return 'VM left running (not by Labvisor)';
  return 'BMC warning/critical';
}

function describeScope(r: AlertRule, names: Map<number, string>): string {
  const parts = [
    ...r.scope.hostIds.map((id) => `host:${names.get(id) ?? `#${id}`}`),
    ...r.scope.clusters.map((c) => `cluster:${c}`),
    ...r.scope.tags.map((t) => `tag:${t}`),
  ];
  return parts.length === 0 ? 'all hosts' : parts.join(' ');
}

async function hostNames(ctx: CliContext): Promise<Map<number, string>> {
  return new Map((await callCommand(ctx, 'inventory.listHosts', {})).map((h) => [h.id, h.name]));
}

/** Host names, aliases or ids → ids; an unknown one is a clear `not found` (exit 3). */
async function hostIds(ctx: CliContext, refs: string[]): Promise<number[]> {
  if (refs.length === 0) return [];
  const hosts = await callCommand(ctx, 'inventory.listHosts', {});
  return refs.map((ref) => {
    const found = hosts.find((h) => h.name === ref || h.aliases.some((a) => a.name === ref) || String(h.id) === ref);
    if (!found) {
      ctx.io.stderr.write(`labvisor: no host named ${JSON.stringify(ref)}\n`);
      throw new CliExit(EXIT.notFound);
    }
    return found.id;
  });
}

const GLOBAL = new Set(['data-dir', 'json', 'read-only', 'help']);

const rulesListCommand: CliCommand = {
  name: 'alerts rules',
  summary: 'List alert rules, or change them: alerts rules set|rm (audited)',
  usage: `labvisor alerts rules [list] [--json]\n       ${SET_USAGE}\n       labvisor alerts rules rm ID [--json]`,
  options: {
    name: { type: 'string' },
    kind: { type: 'string' },
    metric: { type: 'string' },
    above: { type: 'string' },
    below: { type: 'string' },
    for: { type: 'string' },
    hosts: { type: 'string' },
    clusters: { type: 'string' },
    tags: { type: 'string' },
    quiet: { type: 'string' },
    enable: { type: 'boolean' },
    disable: { type: 'boolean' },
  },
  async run(ctx, args) {
    const [verb = 'list', ...rest] = args.positionals;
    const onlyGlobal = Object.keys(args.values).every((k) => GLOBAL.has(k));
    if (verb === 'list' && rest.length === 0 && onlyGlobal) return listRules(ctx);
    if (verb === 'set' && rest.length <= 1) return setRule(ctx, rest[0], args.values);
    if (verb === 'rm' && rest.length === 1 && onlyGlobal) return removeRule(ctx, rest[0]!);
    ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
    return EXIT.usage;
  },
};

async function listRules(ctx: CliContext): Promise<number> {
  const rules = await callCommand(ctx, 'metrics.alertRules', {});
  if (ctx.json) return (printJson(ctx, rules), EXIT.ok);
  const names = await hostNames(ctx);
  printTable(
    ctx,
    ['ID', 'NAME', 'CONDITION', 'FOR', 'SCOPE', 'QUIET', 'ENABLED'],
    rules.map((r) => [
      r.id,
      r.name,
      describeCondition(r),
      `${r.forSec}s`,
      describeScope(r, names),
      r.quietHours ? `${r.quietHours.from}-${r.quietHours.to}` : '',
      r.enabled ? 'yes' : 'no',
    ]),
  );
  return EXIT.ok;
}

function usage(ctx: CliContext, message: string): number {
  ctx.io.stderr.write(`labvisor: ${message}\nusage: ${SET_USAGE}\n`);
  return EXIT.usage;
}

async function setRule(ctx: CliContext, idText: string | undefined, v: Record<string, unknown>): Promise<number> {
  const id = idText === undefined ? undefined : Number(idText);
  if (id !== undefined && (!Number.isInteger(id) || id < 1)) return usage(ctx, `not a rule id: ${idText}`);
  if (v.above !== undefined && v.below !== undefined) return usage(ctx, 'give --above or --below, not both');
  if (v.enable && v.disable) return usage(ctx, 'give --enable or --disable, not both');
  const str = (k: string) => v[k] as string | undefined;
  const input: AlertRuleInput = { id };
  if (str('name') !== undefined) input.name = str('name')!;
  if (str('kind') !== undefined) input.kind = str('kind') as AlertRule['kind'];
  if (str('metric') !== undefined) input.metric = str('metric')!;
  const bound = str('above') ?? str('below');
  if (bound !== undefined) {
    input.op = str('above') !== undefined ? 'above' : 'below';
    input.threshold = bound.trim() === '' ? Number.NaN : Number(bound);
  }
  if (str('for') !== undefined) input.forSec = durationSec(str('for')!);
  if (str('quiet') !== undefined) input.quietHours = quietHours(str('quiet')!);
  if (v.enable || v.disable) input.enabled = Boolean(v.enable);
  const scope: NonNullable<AlertRuleInput['scope']> = {};
  if (str('hosts') !== undefined) scope.hostIds = await hostIds(ctx, list(str('hosts')!));
  if (str('clusters') !== undefined) scope.clusters = list(str('clusters')!);
  if (str('tags') !== undefined) scope.tags = list(str('tags')!);
  if (Object.keys(scope).length > 0) input.scope = scope;
  if (id === undefined && (input.name === undefined || input.kind === undefined))
    return usage(ctx, 'a new rule needs --name and --kind');
  if (id !== undefined && Object.keys(input).length === 1) return usage(ctx, 'nothing to change');
  const saved = await callCommand(ctx, 'metrics.saveAlertRule', input);
  if (ctx.json) printJson(ctx, saved);
  else ctx.io.stdout.write(`${id === undefined ? 'created' : 'changed'} alert rule ${saved.id} (${saved.name})\n`);
  return EXIT.ok;
}

async function removeRule(ctx: CliContext, idText: string): Promise<number> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1) {
    ctx.io.stderr.write(`labvisor: not a rule id: ${idText}\n`);
    return EXIT.usage;
  }
  const result = await callCommand(ctx, 'metrics.deleteAlertRule', { id });
  if (ctx.json) printJson(ctx, { id, ...result });
  else ctx.io.stdout.write(`removed alert rule ${id}\n`);
  return EXIT.ok;
}

const quietCommand: CliCommand = {
  name: 'alerts quiet',
  summary: 'Show or set the quiet hours of every alert rule (no notifications; alerts still recorded; audited)',
  usage: 'labvisor alerts quiet [HH:MM-HH:MM|off] [--json]',
  async run(ctx, { positionals }) {
    if (positionals.length > 1) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const settings =
      positionals.length === 1
        ? await callCommand(ctx, 'metrics.setSettings', { quietHours: quietHours(positionals[0]!) })
        : await callCommand(ctx, 'metrics.settings', {});
    const quiet = settings.quietHours;
    if (ctx.json) printJson(ctx, { quietHours: quiet });
    else ctx.io.stdout.write(quiet ? `quiet hours ${quiet.from}-${quiet.to} (local time)\n` : 'no quiet hours\n');
    return EXIT.ok;
  },
};

export const alertRulesCommands: CliCommand[] = [rulesListCommand, quietCommand];
