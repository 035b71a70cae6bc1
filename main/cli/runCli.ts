import { parseArgs } from 'node:util';
import type { AppServices } from '../app/services';
import { defaultDataDir } from '../platform/paths';
import { EXIT } from './callCommand';
import { allCommands, commandsStartingWith } from './commandList';
import { CliExit, type CliCommand, type CliContext, type CliIo, type ParsedArgs } from './cliTypes';

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function findCommand(words: string[]): Promise<{ command: CliCommand; rest: string[] } | null> {
  const candidates = await commandsStartingWith(words[0]);
  for (const take of [2, 1]) {
    const name = words.slice(0, take).join(' ');
    const command = candidates.find((c) => c.name === name);
    if (command) return { command, rest: words.slice(take) };
  }
  return null;
}

async function help(io: CliIo): Promise<void> {
  const cliCommands = await allCommands();
  io.stdout.write(
    'Labvisor: inventory, SSH and out-of-band control for a home lab.\n\nUsage: labvisor COMMAND [options]\n\n',
  );
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  for (const c of cliCommands) io.stdout.write(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
  io.stdout.write(
    '\nEvery command takes --data-dir DIR (default: $LABVISOR_DATA_DIR or the platform app-data folder) and --json.\n',
  );
  io.stdout.write('labvisor COMMAND --help shows its options. docs/cli.md lists exit codes and JSON shapes.\n');
}

/** The CLI door: the same services and dispatcher as the desktop app and `serve`. */
export async function runCli(argv: string[], io: CliIo, version: string): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  // The services' modules (SQLite, the inventory) load while the command's module does: one wait, not two.
  const servicesModule = words.length ? import('../app/openServices') : null;
  servicesModule?.catch(() => undefined); // a failure surfaces where it is awaited, if a command needs it
  const found = await findCommand(words.slice(0, 2));
  if (!found) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help')
      return (await help(io), EXIT.ok);
    if (argv.includes('--version')) return (io.stdout.write(version + '\n'), EXIT.ok);
    io.stderr.write(`labvisor: unknown command "${words.slice(0, 2).join(' ')}"; see labvisor --help\n`);
    return EXIT.usage;
  }
  const { command } = found;
  let parsed;
  try {
    const nameWords = command.name.split(' ').length;
    const firstWordIndexes = argv
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => !a.startsWith('-'))
      .slice(0, nameWords)
      .map(({ i }) => i);
    const rest = argv.filter((_, i) => !firstWordIndexes.includes(i));
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`labvisor: ${(error as Error).message}\nusage: ${command.usage}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) return (io.stdout.write(`${command.summary}\n\nusage: ${command.usage}\n`), EXIT.ok);

  const dataDir = (parsed.values['data-dir'] as string | undefined) ?? defaultDataDir(io.env);
  // The machine features (SSH, drivers, power...) load only with the first command that calls one.
  const { openServices } = await (servicesModule ?? import('../app/openServices'));
  let services: AppServices | null = null;
  const ctx: CliContext = {
    io,
    json: Boolean(parsed.values.json),
    dataDir,
    services: () =>
      (services ??= openServices({
        dataDir,
        version,
        readOnly: Boolean(parsed.values['read-only']),
        logToStderr: false,
      })),
  };
  try {
    return await command.run(ctx, { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals });
  } catch (error) {
    if (error instanceof CliExit) return error.exitCode;
    io.stderr.write(`labvisor: ${(error as Error).message}\n`);
    return EXIT.error;
  } finally {
    if (services) await (services as AppServices).close();
  }
}
