import type { CliCommand } from './cliTypes';

/**
 * Every CLI command, by feature (`commands/<feature>Command.ts`; a feature's sub-commands in `commands/<feature>/`),
 * keyed by the first words of its commands. Only the feature of the command being run is imported, so
 * `labvisor hosts list` does not load the VNC client, PNG encoder or terminal attach code of the others.
 * `commandList.test.ts` checks that every command's first word leads to the feature that defines it.
 */
const FEATURES: { words: readonly string[]; load(): Promise<CliCommand[]> }[] = [
  { words: ['serve'], load: async () => [(await import('./commands/appCommand')).serveCommand] },
  {
    words: ['hosts', 'import', 'export'],
    load: async () => (await import('./commands/inventoryCommand')).inventoryCommands,
  },
  { words: ['audit'], load: async () => [(await import('./commands/auditCommand')).auditCommand] },
  {
    words: ['ssh', 'forward', 'hostkeys', 'secret'],
    load: async () => (await import('./commands/sshCommand')).sshCommands,
  },
  { words: ['power'], load: async () => (await import('./commands/powerCommand')).powerCommands },
  { words: ['bmc', 'sol'], load: async () => (await import('./commands/bmcCommand')).bmcCommands },
  { words: ['vm'], load: async () => (await import('./commands/virtCommand')).virtCommands },
  { words: ['metrics', 'alerts'], load: async () => (await import('./commands/metricsCommand')).metricsCommands },
  { words: ['console', 'vnc'], load: async () => (await import('./commands/consoleCommand')).consoleCommands },
];

/** The commands of the feature a command's first word belongs to (none for an unknown word). */
export async function commandsStartingWith(firstWord: string | undefined): Promise<CliCommand[]> {
  const feature = FEATURES.find((f) => firstWord !== undefined && f.words.includes(firstWord));
  return feature ? await feature.load() : [];
}

/** Every command, in the order of the help listing (this loads every feature's command module). */
export async function allCommands(): Promise<CliCommand[]> {
  return (await Promise.all(FEATURES.map((f) => f.load()))).flat();
}

/** Each feature's first words and its commands, for the test that the table matches the modules. */
export async function commandFeatures(): Promise<{ words: readonly string[]; commands: CliCommand[] }[]> {
  return Promise.all(FEATURES.map(async (f) => ({ words: f.words, commands: await f.load() })));
}
