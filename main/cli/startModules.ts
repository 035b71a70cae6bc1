/**
 * What `labvisor hosts list` loads before it answers, by source file: the CLI's door, the inventory command
 * module, the core services and the contracts of the features they call. Two owners read this list:
 * - the build (electron.vite.config.ts) puts these modules and everything they import statically into one chunk,
 *   so every command starts by reading and compiling one file instead of twenty-odd small ones;
 * - `hostsListLoads.test.ts` checks that nothing here reaches a machine feature, which would then load (and build
 *   its schemas) with every command.
 */
export const CLI_START_MODULES = [
  'main/cli/runCli.ts',
  'main/cli/zodMode.ts',
  'main/cli/commands/inventoryCommand.ts',
  'main/app/openServices.ts',
  'common/contract/app.ts',
  'common/contract/audit.ts',
  'common/contract/inventory.ts',
] as const;
