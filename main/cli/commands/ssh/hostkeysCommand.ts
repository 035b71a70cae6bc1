import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { callCommand, EXIT, printJson, printTable } from '../../callCommand';
import { CliExit, type CliCommand, type CliContext } from '../../cliTypes';
import { resolveHosts } from '../inventory/hostsCommands';
import { readAnswer } from '../../terminalPrompt';

export const hostkeysListCommand: CliCommand = {
  name: 'hostkeys list',
  summary: 'List pinned SSH host keys',
  usage: 'labvisor hostkeys list [--json]',
  async run(ctx) {
    const keys = await callCommand(ctx, 'ssh.listHostKeys', {});
    if (ctx.json) return (printJson(ctx, keys), EXIT.ok);
    printTable(
      ctx,
      ['HOST', 'PORT', 'TYPE', 'FINGERPRINT', 'SOURCE', 'ADDED'],
      keys.map((k) => [k.host, k.port, k.keyType, k.fingerprint, k.source, k.addedAt]),
    );
    return EXIT.ok;
  },
};

/**
 * Shows the key the host presents and pins it only after the person confirms (or passes the fingerprint they
 * checked out of band with --fingerprint). `--yes` accepts whatever is presented: an explicit choice, for labs.
 */
async function confirmAndPin(
  ctx: CliContext,
  values: Record<string, unknown>,
  name: string | undefined,
  mode: 'trust' | 'replace',
): Promise<number> {
  if (!name) {
    ctx.io.stderr.write(`labvisor: usage: labvisor hostkeys ${mode} HOST [--fingerprint SHA256:...] [--yes]\n`);
    return EXIT.usage;
  }
  const [host] = await resolveHosts(ctx, [name]);
  const presented = await callCommand(ctx, 'ssh.scanHostKey', { hostId: host!.id });
  const where = presented.port === 22 ? presented.host : `[${presented.host}]:${presented.port}`;
  ctx.io.stderr.write(`${host!.name} (${where}) presents ${presented.keyType} key ${presented.fingerprint}\n`);
  if (presented.status === 'match') {
    ctx.io.stderr.write('That key is already trusted.\n');
    return EXIT.ok;
  }
  if (mode === 'trust' && presented.status === 'mismatch') {
    ctx.io.stderr.write(
      `WARNING: a DIFFERENT key is pinned (${presented.pinnedFingerprint}). If the change is expected, use ` +
        `labvisor hostkeys replace ${host!.name}\n`,
    );
    return EXIT.refused;
  }
  if (mode === 'replace' && presented.status === 'unknown') {
    ctx.io.stderr.write(`No key is pinned for ${host!.name}; use labvisor hostkeys trust ${host!.name}\n`);
    return EXIT.refused;
  }
  if (mode === 'replace') ctx.io.stderr.write(`It REPLACES the pinned key ${presented.pinnedFingerprint}.\n`);
  const given = values.fingerprint as string | undefined;
  if (given !== undefined && given !== presented.fingerprint) {
    ctx.io.stderr.write(`labvisor: the presented key does not have fingerprint ${given}; nothing changed\n`);
    return EXIT.refused;
  }
  if (given === undefined && !values.yes) {
    if (!ctx.io.interactive) {
      ctx.io.stderr.write('labvisor: pass --fingerprint with the fingerprint you checked, or --yes\n');
      return EXIT.refused;
    }
    const answer = await readAnswer(ctx.io, `${mode === 'trust' ? 'Trust' : 'Replace with'} this key? [y/N] `, true);
    if (!/^y(es)?$/i.test(answer?.trim() ?? '')) throw new CliExit(EXIT.refused);
  }
  const command = mode === 'trust' ? 'ssh.trustHostKey' : 'ssh.replaceHostKey';
  const key = await callCommand(ctx, command, { hostId: host!.id, fingerprint: presented.fingerprint });
  if (ctx.json) printJson(ctx, key);
  else ctx.io.stdout.write(`pinned ${key.keyType} ${key.fingerprint} for ${where}\n`);
  return EXIT.ok;
}

const pinOptions = { fingerprint: { type: 'string' }, yes: { type: 'boolean', short: 'y' } } as const;

export const hostkeysTrustCommand: CliCommand = {
  name: 'hostkeys trust',
  summary: "Show a host's SSH key fingerprint and pin it once you confirm",
  usage: 'labvisor hostkeys trust HOST [--fingerprint SHA256:...] [--yes]',
  options: pinOptions,
  run: (ctx, { values, positionals }) => confirmAndPin(ctx, values, positionals[0], 'trust'),
};

export const hostkeysReplaceCommand: CliCommand = {
  name: 'hostkeys replace',
  summary: "Replace a host's pinned SSH key after it changed (reinstall), once you confirm",
  usage: 'labvisor hostkeys replace HOST [--fingerprint SHA256:...] [--yes]',
  options: pinOptions,
  run: (ctx, { values, positionals }) => confirmAndPin(ctx, values, positionals[0], 'replace'),
};

export const hostkeysImportCommand: CliCommand = {
  name: 'hostkeys import',
  summary: 'Import host keys from an OpenSSH known_hosts file (default ~/.ssh/known_hosts)',
  usage: 'labvisor hostkeys import [FILE] [--json]',
  async run(ctx, { positionals }) {
    const file = positionals[0] ?? join(homedir(), '.ssh', 'known_hosts');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      ctx.io.stderr.write(`labvisor: cannot read ${file}: ${(error as Error).message}\n`);
      return EXIT.notFound;
    }
    const result = await callCommand(ctx, 'ssh.importKnownHosts', { text, source: file });
    if (ctx.json) printJson(ctx, result);
    else {
      for (const line of result.unsupported) ctx.io.stderr.write(`warning: ${line}\n`);
      ctx.io.stdout.write(
        `imported ${result.imported}, already known ${result.alreadyKnown}, revoked ${result.revoked}, skipped ${result.skipped} ` +
          `(hashed entries for hosts not in the inventory, wildcards, revoked keys, or keys that differ from a pinned one)\n`,
      );
    }
    return EXIT.ok;
  },
};
