import { callCommand, EXIT, exitForHosts, printJson, printTable } from '../callCommand';
import type { CliCommand, CliContext } from '../cliTypes';
import { bmcCertCommand, bmcReplaceCommand, bmcTrustCommand } from './bmc/certCommand';
import { solCommand } from './bmc/solCommand';

function oneHost(ctx: CliContext, positionals: string[], usage: string): string | null {
  if (positionals.length === 1) return positionals[0]!;
  ctx.io.stderr.write(`labvisor: usage: ${usage}\n`);
  return null;
}

const fmt = (n: number | null) => (n === null ? '' : String(n));

const bmcSensorsCommand: CliCommand = {
  name: 'bmc sensors',
  summary: "Show a host's BMC sensors (temperatures, fans, voltages, PSUs) with thresholds",
  usage: 'labvisor bmc sensors HOST [--json]',
  async run(ctx, { positionals }) {
    const host = oneHost(ctx, positionals, this.usage);
    if (!host) return EXIT.usage;
    const result = await callCommand(ctx, 'bmc.sensors', { host });
    if (ctx.json) return (printJson(ctx, result), EXIT.ok);
    printTable(
      ctx,
      ['SENSOR', 'KIND', 'READING', 'UNIT', 'LEVEL', 'LC', 'LNC', 'UNC', 'UC'],
      result.sensors.map((s) => [
        s.name,
        s.kind,
        s.reading === null ? s.status : s.reading,
        s.unit,
        s.level,
        fmt(s.thresholds.lc),
        fmt(s.thresholds.lnc),
        fmt(s.thresholds.unc),
        fmt(s.thresholds.uc),
      ]),
    );
    return EXIT.ok;
  },
};

const bmcSelCommand: CliCommand = {
  name: 'bmc sel',
  summary: "List a host's BMC system event log",
  usage: 'labvisor bmc sel HOST [--json]',
  async run(ctx, { positionals }) {
    const host = oneHost(ctx, positionals, this.usage);
    if (!host) return EXIT.usage;
    const result = await callCommand(ctx, 'bmc.sel', { host });
    if (ctx.json) return (printJson(ctx, result), EXIT.ok);
    printTable(
      ctx,
      ['ID', 'DATE', 'TIME', 'SENSOR', 'EVENT', 'DIRECTION'],
      result.entries.map((e) => [
        e.id,
        e.date,
        e.time,
        e.sensor,
        e.event,
        [e.direction, e.going && `going ${e.going}`].filter(Boolean).join(', '),
      ]),
    );
    return EXIT.ok;
  },
};

const bmcSelClearCommand: CliCommand = {
  name: 'bmc sel-clear',
  summary: "Clear a host's BMC event log (needs --yes; audited)",
  usage: 'labvisor bmc sel-clear HOST --yes [--json]',
  options: { yes: { type: 'boolean', short: 'y' } },
  async run(ctx, { values, positionals }) {
    const host = oneHost(ctx, positionals, this.usage);
    if (!host) return EXIT.usage;
    if (!values.yes) {
      ctx.io.stderr.write(`labvisor: this erases ${host}'s event log; add --yes to confirm\n`);
      return EXIT.refused;
    }
    const [resolved] = await callCommand(ctx, 'power.resolve', { targets: [host] });
    const result = await callCommand(ctx, 'bmc.clearSel', { host, confirm: { hostNames: [resolved!.hostName] } });
    if (ctx.json) printJson(ctx, result);
    else
      ctx.io.stdout.write(`cleared ${result.cleared} event${result.cleared === 1 ? '' : 's'} on ${result.hostName}\n`);
    return EXIT.ok;
  },
};

const bmcInfoCommand: CliCommand = {
  name: 'bmc info',
  summary: "Show a host's BMC identity (firmware, IPMI version, manufacturer)",
  usage: 'labvisor bmc info HOST [--json]',
  async run(ctx, { positionals }) {
    const host = oneHost(ctx, positionals, this.usage);
    if (!host) return EXIT.usage;
    const info = await callCommand(ctx, 'bmc.info', { host });
    if (ctx.json) return (printJson(ctx, info), EXIT.ok);
    printTable(ctx, ['FIELD', 'VALUE'], Object.entries(info.fields));
    return EXIT.ok;
  },
};

const bmcHealthCommand: CliCommand = {
  name: 'bmc health',
  summary: 'Power state, BMC reachability and worst sensor of hosts (names, clusters or tags)',
  usage: 'labvisor bmc health TARGET... [--json]',
  async run(ctx, { positionals }) {
    if (positionals.length === 0) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const health = await callCommand(ctx, 'bmc.health', { targets: positionals });
    if (ctx.json) return (printJson(ctx, health), exitForHosts(health));
    printTable(
      ctx,
      ['HOST', 'BMC', 'POWER', 'HEALTH', 'WORST SENSOR', 'MESSAGE'],
      health.map((h) => [
        h.hostName,
        h.reachable ? 'up' : 'down',
        h.power,
        h.level,
        h.worstSensor,
        h.error?.message ?? '',
      ]),
    );
    return exitForHosts(health);
  },
};

export const bmcCommands: CliCommand[] = [
  bmcSensorsCommand,
  bmcSelCommand,
  bmcSelClearCommand,
  bmcInfoCommand,
  bmcHealthCommand,
  bmcCertCommand,
  bmcTrustCommand,
  bmcReplaceCommand,
  solCommand,
];
