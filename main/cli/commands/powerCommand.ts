import type { BulkResult, HostPowerStatus } from '../../../common/contract/power';
import { BOOT_DEVICES, DESTRUCTIVE_ACTIONS, type BootDevice, type PowerAction } from '../../../common/domain/power';
import { callCommand, EXIT, exitForHosts, printJson, printTable } from '../callCommand';
import { CliExit, type CliCommand, type CliContext, type ParsedArgs } from '../cliTypes';
import { readAnswer } from '../terminalPrompt';

const BULK_OPTIONS = {
  concurrency: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'force-protected': { type: 'string', multiple: true },
  wait: { type: 'string' },
} as const;

function numberOption(ctx: CliContext, values: ParsedArgs['values'], flag: string): number | undefined {
  const v = values[flag] as string | undefined;
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    ctx.io.stderr.write(`labvisor: --${flag} must be a number, got "${v}"\n`);
    throw new CliExit(EXIT.usage);
  }
  return n;
}

function needTargets(ctx: CliContext, targets: string[], usage: string): void {
  if (targets.length) return;
  ctx.io.stderr.write(`labvisor: usage: ${usage}\n`);
  throw new CliExit(EXIT.usage);
}

/**
 * A destructive action names its hosts: `--yes` confirms them, a person at a terminal is asked y/N, and anything
 * else is refused. Protected hosts additionally need `--force-protected NAME`, checked by the service.
 */
async function confirmHosts(ctx: CliContext, action: string, targets: string[], yes: boolean): Promise<string[]> {
  const hosts = await callCommand(ctx, 'power.resolve', { targets });
  const names = hosts.map((h) => h.hostName);
  if (yes) return names;
  if (!ctx.io.interactive) {
    ctx.io.stderr.write(`labvisor: power ${action} would hit ${names.join(', ')}; add --yes to confirm\n`);
    throw new CliExit(EXIT.refused);
  }
  const answer = await readAnswer(ctx.io, `Power ${action} ${names.join(', ')}? [y/N] `, true);
  if (!/^y(es)?$/i.test(answer?.trim() ?? '')) {
    ctx.io.stderr.write('labvisor: not confirmed; nothing was done\n');
    throw new CliExit(EXIT.refused);
  }
  return names;
}

/** Live per-host progress on stderr while a bulk action runs (people only; --json prints the result alone). */
function showProgress(ctx: CliContext, operationId: string): () => void {
  if (ctx.json) return () => {};
  return ctx.services().events.subscribe((event) => {
    if (event.name !== 'power.progress') return;
    const p = event.payload as {
      operationId: string;
      phase: string;
      hostName: string;
      finished: number;
      total: number;
      message: string;
    };
    if (p.operationId !== operationId || (p.phase !== 'done' && p.phase !== 'failed')) return;
    ctx.io.stderr.write(`[${p.finished}/${p.total}] ${p.hostName}: ${p.phase}${p.message ? ` (${p.message})` : ''}\n`);
  });
}

function printBulk(ctx: CliContext, result: BulkResult): number {
  if (ctx.json) printJson(ctx, result);
  else
    printTable(
      ctx,
      ['HOST', 'RESULT', 'BEFORE', 'AFTER', 'SECONDS', 'MESSAGE'],
      result.results.map((r) => [
        r.hostName,
        r.ok ? 'ok' : 'failed',
        r.before,
        r.after,
        (r.elapsedMs / 1000).toFixed(1),
        r.error?.message ?? '',
      ]),
    );
  return exitForHosts(result.results);
}

async function runBulk(
  ctx: CliContext,
  values: ParsedArgs['values'],
  call: (common: { operationId: string; concurrency?: number }) => Promise<BulkResult>,
): Promise<number> {
  const operationId = `cli-${process.pid}-${Date.now()}`;
  const concurrency = numberOption(ctx, values, 'concurrency');
  const stop = showProgress(ctx, operationId);
  try {
    return printBulk(ctx, await call({ operationId, ...(concurrency ? { concurrency } : {}) }));
  } finally {
    stop();
  }
}

const powerStatusCommand: CliCommand = {
  name: 'power status',
  summary: 'Show the power state of hosts (names, clusters or tags)',
  usage: 'labvisor power status TARGET... [--concurrency N] [--json]',
  options: { concurrency: BULK_OPTIONS.concurrency },
  async run(ctx, { values, positionals }) {
    needTargets(ctx, positionals, this.usage);
    const concurrency = numberOption(ctx, values, 'concurrency');
    const statuses: HostPowerStatus[] = await callCommand(ctx, 'power.status', {
      targets: positionals,
      ...(concurrency ? { concurrency } : {}),
    });
    if (ctx.json) printJson(ctx, statuses);
    else
      printTable(
        ctx,
        ['HOST', 'POWER', 'DRIVER', 'MESSAGE'],
        statuses.map((s) => [s.hostName, s.state, s.driver, s.error?.message ?? '']),
      );
    return exitForHosts(statuses);
  },
};

function powerActionCommand(action: PowerAction, summary: string): CliCommand {
  const destructive = DESTRUCTIVE_ACTIONS.includes(action);
  return {
    name: `power ${action}`,
    summary,
    usage: `labvisor power ${action} TARGET... ${destructive ? '[--yes] [--force-protected HOST]... ' : ''}[--wait SECONDS] [--concurrency N] [--json]`,
    options: BULK_OPTIONS,
    async run(ctx, { values, positionals }) {
      needTargets(ctx, positionals, this.usage);
      const confirmed = destructive ? await confirmHosts(ctx, action, positionals, Boolean(values.yes)) : [];
      const waitSec = numberOption(ctx, values, 'wait');
      return runBulk(ctx, values, (common) =>
        callCommand(ctx, 'power.set', {
          ...common,
          targets: positionals,
          action,
          ...(destructive ? { confirm: { hostNames: confirmed } } : {}),
          forceProtected: (values['force-protected'] as string[] | undefined) ?? [],
          ...(waitSec !== undefined ? { waitSec } : {}),
        }),
      );
    },
  };
}

const powerOnCommand = powerActionCommand('on', 'Power hosts on and wait until they are on');
const powerOffCommand = powerActionCommand('off', 'Force hosts off (like pulling the plug)');
const powerSoftCommand = powerActionCommand('soft', 'Ask hosts to shut down gracefully (ACPI) and wait');
const powerRebootCommand = powerActionCommand(
  'reboot',
  'Ask hosts to restart gracefully (the OS shuts down and boots again); never a hard reset',
);
const powerCycleCommand = powerActionCommand('cycle', 'Power-cycle hosts (off, then on)');
const powerResetCommand = powerActionCommand('reset', 'Hard-reset hosts');

const powerBootdevCommand: CliCommand = {
  name: 'power bootdev',
  summary: 'Set the boot device for the next boot (or always, with --persistent)',
  usage: `labvisor power bootdev ${BOOT_DEVICES.join('|')} TARGET... [--persistent] [--concurrency N] [--json]`,
  options: { ...BULK_OPTIONS, persistent: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const [device, ...targets] = positionals;
    if (!device || !(BOOT_DEVICES as readonly string[]).includes(device)) {
      ctx.io.stderr.write(`labvisor: the boot device must be one of ${BOOT_DEVICES.join(', ')}\n`);
      return EXIT.usage;
    }
    needTargets(ctx, targets, this.usage);
    return runBulk(ctx, values, (common) =>
      callCommand(ctx, 'power.bootDevice', {
        ...common,
        targets,
        device: device as BootDevice,
        persistent: Boolean(values.persistent),
      }),
    );
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A BMC without a timed identify (Redfish) is turned off by Labvisor itself, so the CLI stays until the time is
 * up, counting down on stderr, then turns the LED off; it says first that interrupting leaves the LED on.
 */
async function identifyCountdown(ctx: CliContext, hosts: string[], seconds: number): Promise<BulkResult> {
  const names = hosts.join(', ');
  ctx.io.stderr.write(
    `labvisor: ${names}: the BMC has no timed identify; the LED is turned off in ${seconds} s when this countdown ` +
      `ends (interrupting leaves it on until \`labvisor power identify ${hosts[0]} --off\`)\n`,
  );
  const tty = Boolean((ctx.io.stderr as { isTTY?: boolean }).isTTY) && !ctx.json;
  for (let left = seconds; left > 0; left--) {
    if (tty) ctx.io.stderr.write(`\ridentify: ${left} s left `);
    await sleep(1000);
  }
  if (tty) ctx.io.stderr.write('\r');
  const off = await callCommand(ctx, 'power.identify', { targets: hosts, seconds: 0, force: false });
  for (const r of off.results)
    ctx.io.stderr.write(`labvisor: ${r.hostName}: identify LED ${r.ok ? 'off' : `NOT off: ${r.error?.message}`}\n`);
  return off;
}

const powerIdentifyCommand: CliCommand = {
  name: 'power identify',
  summary: 'Blink the identify LED for N seconds (--off stops it, --force keeps it on)',
  usage: 'labvisor power identify TARGET... [--seconds N | --off | --force] [--concurrency N] [--json]',
  options: { ...BULK_OPTIONS, seconds: { type: 'string' }, off: { type: 'boolean' }, force: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    needTargets(ctx, positionals, this.usage);
    const seconds = values.off ? 0 : (numberOption(ctx, values, 'seconds') ?? 15);
    const force = Boolean(values.force);
    const hosts = await callCommand(ctx, 'power.resolve', { targets: positionals });
    let off: BulkResult | null = null;
    const code = await runBulk(ctx, values, async (common) => {
      const on = await callCommand(ctx, 'power.identify', { ...common, targets: positionals, seconds, force });
      const lit = new Set(on.results.filter((r) => r.ok).map((r) => r.hostId));
      const appTimed = hosts.filter((h) => h.identifyTimer === 'app' && lit.has(h.hostId)).map((h) => h.hostName);
      if (seconds > 0 && !force && appTimed.length) off = await identifyCountdown(ctx, appTimed, seconds);
      return on;
    });
    return Math.max(code, off ? exitForHosts((off as BulkResult).results) : EXIT.ok);
  },
};

export const powerCommands: CliCommand[] = [
  powerStatusCommand,
  powerOnCommand,
  powerOffCommand,
  powerSoftCommand,
  powerRebootCommand,
  powerCycleCommand,
  powerResetCommand,
  powerBootdevCommand,
  powerIdentifyCommand,
];
