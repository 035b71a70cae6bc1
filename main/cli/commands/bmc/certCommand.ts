import { callCommand, EXIT, printJson } from '../../callCommand';
import { CliExit, type CliCommand, type CliContext } from '../../cliTypes';
import { readAnswer } from '../../terminalPrompt';
import { resolveHosts } from '../inventory/hostsCommands';

/** Fingerprints as people paste them: any case, with or without colons or a `sha256:` prefix. */
const sameFingerprint = (a: string, b: string) => {
  const hex = (s: string) =>
    s
      .replace(/^sha256:/i, '')
      .replace(/[^0-9a-f]/gi, '')
      .toUpperCase();
  return hex(a) === hex(b);
};

async function inspect(ctx: CliContext, name: string | undefined, usage: string) {
  if (!name) {
    ctx.io.stderr.write(`labvisor: usage: ${usage}\n`);
    throw new CliExit(EXIT.usage);
  }
  const [host] = await resolveHosts(ctx, [name]);
  const view = await callCommand(ctx, 'bmc.inspectCertificate', { hostId: host!.id });
  return { host: host!, ...view };
}

function describe(ctx: CliContext, view: Awaited<ReturnType<typeof inspect>>): void {
  const p = view.presented;
  const where = `${view.host.bmc?.address ?? ''}${view.host.bmc?.port ? `:${view.host.bmc.port}` : ''}`;
  ctx.io.stderr.write(
    `${view.host.name} BMC (${where}) presents SHA-256 ${p.fingerprint}\n` +
      `  subject ${p.subject}\n  issuer  ${p.issuer}\n  valid   ${p.validFrom} to ${p.validTo}\n`,
  );
}

export const bmcCertCommand: CliCommand = {
  name: 'bmc cert',
  summary: 'Show the certificate a Redfish BMC presents, the pinned one, and whether it is trusted',
  usage: 'labvisor bmc cert HOST [--json]',
  async run(ctx, { positionals }) {
    const view = await inspect(ctx, positionals[0], this.usage);
    const { presented, pinned, status } = view;
    if (ctx.json) printJson(ctx, { hostName: view.host.name, presented, pinned, status });
    else {
      describe(ctx, view);
      ctx.io.stdout.write(
        `status: ${view.status}${view.pinned ? ` (pinned ${view.pinned.fingerprint} on ${view.pinned.pinnedAt})` : ''}\n`,
      );
    }
    // A script asking "is this BMC trusted?" gets the answer in the exit code too.
    return view.status === 'trusted' ? EXIT.ok : EXIT.refused;
  },
};

/**
 * Mirrors `hostkeys trust|replace`: shows what the BMC presents and pins it only once the person confirms, or
 * passes the fingerprint they checked out of band (`--fingerprint`), or says `--yes` (an explicit choice, for labs).
 */
async function confirmAndPin(
  ctx: CliContext,
  values: Record<string, unknown>,
  name: string | undefined,
  mode: 'trust' | 'replace',
  usage: string,
): Promise<number> {
  const view = await inspect(ctx, name, usage);
  const hostName = view.host.name;
  describe(ctx, view);
  if (view.status === 'trusted') {
    ctx.io.stderr.write('That certificate is already trusted.\n');
    return EXIT.ok;
  }
  if (mode === 'trust' && view.status === 'changed') {
    ctx.io.stderr.write(
      `WARNING: a DIFFERENT certificate is trusted (${view.pinned!.fingerprint}). If the change is expected (an iLO ` +
        `reset, a new certificate), use labvisor bmc replace ${hostName}\n`,
    );
    return EXIT.refused;
  }
  if (mode === 'replace' && view.status === 'unknown') {
    ctx.io.stderr.write(`No certificate is trusted for ${hostName} yet; use labvisor bmc trust ${hostName}\n`);
    return EXIT.refused;
  }
  if (mode === 'replace') ctx.io.stderr.write(`It REPLACES the trusted certificate ${view.pinned!.fingerprint}.\n`);
  const given = values.fingerprint as string | undefined;
  if (given !== undefined && !sameFingerprint(given, view.presented.fingerprint)) {
    ctx.io.stderr.write(`labvisor: the BMC's certificate does not have fingerprint ${given}; nothing changed\n`);
    return EXIT.refused;
  }
  if (given === undefined && !values.yes) {
    if (!ctx.io.interactive) {
      ctx.io.stderr.write('labvisor: pass --fingerprint with the fingerprint you checked, or --yes\n');
      return EXIT.refused;
    }
    const question = `${mode === 'trust' ? 'Trust' : 'Replace with'} this certificate? [y/N] `;
    const answer = await readAnswer(ctx.io, question, true);
    if (!/^y(es)?$/i.test(answer?.trim() ?? '')) throw new CliExit(EXIT.refused);
  }
  const command = mode === 'trust' ? 'bmc.trustCertificate' : 'bmc.replaceCertificate';
  const pin = await callCommand(ctx, command, { hostId: view.host.id, fingerprint: view.presented.fingerprint });
  if (ctx.json) printJson(ctx, pin);
  else ctx.io.stdout.write(`trusted ${pin.fingerprint} for ${hostName}'s BMC\n`);
  return EXIT.ok;
}

const pinOptions = { fingerprint: { type: 'string' }, yes: { type: 'boolean', short: 'y' } } as const;

export const bmcTrustCommand: CliCommand = {
  name: 'bmc trust',
  summary: "Show a Redfish BMC's certificate and trust (pin) it once you confirm",
  usage: 'labvisor bmc trust HOST [--fingerprint SHA256] [--yes] [--json]',
  options: pinOptions,
  run(ctx, { values, positionals }) {
    return confirmAndPin(ctx, values, positionals[0], 'trust', this.usage);
  },
};

export const bmcReplaceCommand: CliCommand = {
  name: 'bmc replace',
  summary: "Replace a Redfish BMC's trusted certificate after it changed, once you confirm",
  usage: 'labvisor bmc replace HOST [--fingerprint SHA256] [--yes] [--json]',
  options: pinOptions,
  run(ctx, { values, positionals }) {
    return confirmAndPin(ctx, values, positionals[0], 'replace', this.usage);
  },
};
