import { HISTORY_RANGES, type HistoryRange } from '../../../common/contract/metrics';
import { formatMetric } from '../../../common/domain/metricUnits';
import { callCommand, EXIT, printJson, printTable } from '../callCommand';
import type { CliCommand } from '../cliTypes';
import { alertRulesCommands } from './metrics/alertRulesCommand';

/** A reading older than this is not "latest": the collector (serve or the desktop app) is not running. */
const FRESH_MS = 5 * 60_000;

/** The friendly names of `--json`'s `latest`, from series keys (host first, then the VM equivalent). */
const LATEST: Record<string, string[]> = {
  cpuPercent: ['cpu.percent', 'vm.cpuPercentVcpus'],
  cpuPercentOfHost: ['vm.cpuPercentHost'],
  memUsedBytes: ['mem.usedBytes', 'vm.memRssBytes'],
  memTotalBytes: ['mem.totalBytes', 'vm.memBytes'],
  memPercent: ['mem.percent'],
  swapUsedBytes: ['swap.usedBytes'],
  load1: ['load.1'],
  load5: ['load.5'],
  load15: ['load.15'],
  netRxBps: ['net.rxBps', 'vm.netRxBps'],
  netTxBps: ['net.txBps', 'vm.netTxBps'],
  diskReadBps: ['disk.readBps', 'vm.diskReadBps'],
  diskWriteBps: ['disk.writeBps', 'vm.diskWriteBps'],
  uptimeSeconds: ['uptime.seconds'],
};

const metricsCommand: CliCommand = {
  name: 'metrics',
  summary: "Show a host's or VM's latest metrics and, with --since, its history",
  usage: 'labvisor metrics HOST [--since 15m|1h|24h|7d|30d] [--json]',
  options: { since: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const since = values.since as string | undefined;
    if (positionals.length !== 1 || (since !== undefined && !HISTORY_RANGES.includes(since as HistoryRange))) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const host = positionals[0]!;
    const latest = await callCommand(ctx, 'metrics.latest', { host });
    const history = since ? await callCommand(ctx, 'metrics.history', { host, range: since as HistoryRange }) : null;
    const fresh = latest.at !== null && Date.now() - latest.at < FRESH_MS;
    const friendly: Record<string, number> = {};
    for (const [name, keys] of Object.entries(LATEST)) {
      const key = keys.find((k) => latest.values[k] !== undefined);
      if (fresh && key) friendly[name] = latest.values[key]!;
    }
    if (ctx.json)
      printJson(ctx, {
        host: latest.hostName,
        at: fresh ? new Date(latest.at!).toISOString() : null,
        reachability: latest.reachability,
        latest: friendly,
        values: fresh ? latest.values : {},
        ...(history
          ? {
              range: history.range,
              stepSec: history.stepSec,
              series: history.series.map((s) => ({ name: s.key, points: s.points.map((p) => [p[0], p[1]]) })),
            }
          : {}),
      });
    else {
      ctx.io.stdout.write(
        `${latest.hostName}: ${latest.reachability.state}` +
          (latest.reachability.since ? ` since ${latest.reachability.since}` : '') +
          (fresh ? `, sampled ${new Date(latest.at!).toISOString()}\n` : '\n'),
      );
      if (fresh)
        printTable(
          ctx,
          ['METRIC', 'VALUE'],
          Object.entries(latest.values).map(([k, v]) => [k, formatMetric(k, v)]),
        );
      if (history)
        printTable(
          ctx,
          ['SERIES', 'POINTS', 'AVG', 'MAX'],
          history.series.map((s) => {
            const avg = s.points.reduce((a, p) => a + p[1], 0) / s.points.length;
            const max = Math.max(...s.points.map((p) => p[2]));
            return [s.key, s.points.length, formatMetric(s.key, avg), formatMetric(s.key, max)];
          }),
        );
    }
    if (!fresh) {
      ctx.io.stderr.write(
        `labvisor: no recent reading for ${latest.hostName}` +
          (latest.collector.message ? ` (${latest.collector.message})` : '') +
          '; metrics are collected while `labvisor serve` or the desktop app runs\n',
      );
      return EXIT.unreachable;
    }
    if (history && history.series.length === 0) {
      ctx.io.stderr.write(`labvisor: no history for ${latest.hostName} in the last ${since}\n`);
      return EXIT.unreachable;
    }
    return EXIT.ok;
  },
};

const alertsCommand: CliCommand = {
  name: 'alerts',
  summary: 'List alerts: firing and pending first, then recently resolved',
  usage: 'labvisor alerts [--limit N] [--json]',
  options: { limit: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (positionals.length > 0) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const result = await callCommand(ctx, 'metrics.alerts', { limit });
    if (ctx.json) printJson(ctx, result);
    else
      printTable(
        ctx,
        ['ID', 'STATE', 'ACK', 'HOST', 'RULE', 'SINCE', 'MESSAGE'],
        result.alerts.map((a) => [
          a.id,
          a.state,
          a.acknowledgedAt ? 'yes' : '',
          a.label ? `${a.hostName} ${a.label}` : a.hostName,
          a.ruleName,
          a.firedAt ?? a.startedAt,
          a.message,
        ]),
      );
    // An empty list from a lab nobody is watching is not good news.
    if (result.lastSampleAt === null || Date.now() - result.lastSampleAt > FRESH_MS) {
      ctx.io.stderr.write(
        'labvisor: no host has been sampled in the last 5 minutes, so these alerts may be out of date; ' +
          'alerts are evaluated while `labvisor serve` or the desktop app runs\n',
      );
      return EXIT.unreachable;
    }
    return EXIT.ok;
  },
};

const alertsAckCommand: CliCommand = {
  name: 'alerts ack',
  summary: 'Acknowledge an alert (audited)',
  usage: 'labvisor alerts ack ID [--json]',
  async run(ctx, { positionals }) {
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const alert = await callCommand(ctx, 'metrics.acknowledgeAlert', { id });
    if (ctx.json) printJson(ctx, alert);
    else ctx.io.stdout.write(`acknowledged alert ${alert.id} (${alert.ruleName} on ${alert.hostName})\n`);
    return EXIT.ok;
  },
};

export const metricsCommands: CliCommand[] = [metricsCommand, alertsCommand, alertsAckCommand, ...alertRulesCommands];
