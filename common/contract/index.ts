import type { z } from 'zod';
import type { appCommands, appEvents, Door } from './app';
import type { auditCommands, auditEvents } from './audit';
import type { inventoryCommands, inventoryEvents } from './inventory';
import type { sshCommands, sshEvents } from './ssh';
import type { terminalCommands, terminalEvents } from './terminal';
import type { powerCommands, powerEvents } from './power';
import type { bmcCommands, bmcEvents } from './bmc';
import type { virtCommands, virtEvents } from './virt';
import type { metricsCommands, metricsEvents } from './metrics';
import type { consoleCommands, consoleEvents } from './console';
import type { CommandSpec } from './define';

/** Each feature's commands, `feature.verb` → { input, output }, by the feature name that prefixes them. */
export interface FeatureCommands {
  app: typeof appCommands;
  audit: typeof auditCommands;
  inventory: typeof inventoryCommands;
  ssh: typeof sshCommands;
  terminal: typeof terminalCommands;
  power: typeof powerCommands;
  bmc: typeof bmcCommands;
  virt: typeof virtCommands;
  metrics: typeof metricsCommands;
  console: typeof consoleCommands;
}
export type Feature = keyof FeatureCommands;

/**
 * Each feature's schemas, built when the feature's first command is dispatched: building every schema of every
 * feature cost each CLI command and every start of `serve` about 30 ms before it could answer anything.
 */
const CONTRACTS: { [F in Feature]: () => Promise<FeatureCommands[F]> } = {
  app: async () => (await import('./app')).appCommands,
  audit: async () => (await import('./audit')).auditCommands,
  inventory: async () => (await import('./inventory')).inventoryCommands,
  ssh: async () => (await import('./ssh')).sshCommands,
  terminal: async () => (await import('./terminal')).terminalCommands,
  power: async () => (await import('./power')).powerCommands,
  bmc: async () => (await import('./bmc')).bmcCommands,
  virt: async () => (await import('./virt')).virtCommands,
  metrics: async () => (await import('./metrics')).metricsCommands,
  console: async () => (await import('./console')).consoleCommands,
};

/** Every event, `feature.noun` → payload schema (only its type is needed: events are published, not dispatched). */
type Events = typeof appEvents &
  typeof auditEvents &
  typeof inventoryEvents &
  typeof sshEvents &
  typeof terminalEvents &
  typeof powerEvents &
  typeof bmcEvents &
  typeof virtEvents &
  typeof metricsEvents &
  typeof consoleEvents;

/** Every command of every feature. Each front door dispatches only these. */
type Commands = typeof appCommands &
  typeof auditCommands &
  typeof inventoryCommands &
  typeof sshCommands &
  typeof terminalCommands &
  typeof powerCommands &
  typeof bmcCommands &
  typeof virtCommands &
  typeof metricsCommands &
  typeof consoleCommands;
export type CommandName = keyof Commands;
/** What a caller may send (defaults not yet applied). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
export interface EventMessage<N extends EventName = EventName> {
  name: N;
  payload: EventPayload<N>;
}

export interface CallContext {
  door: Door;
  /** The window or WebSocket that called, for state it holds until it goes (a metrics watch); none for the CLI. */
  client?: string;
}

/** A missing or mistyped handler for any command is a compile error where this type is used. */
export type Handlers<C extends Record<string, CommandSpec> = Commands> = {
  [N in keyof C]: (
    input: z.output<C[N]['input']>,
    ctx: CallContext,
  ) => Promise<z.output<C[N]['output']>> | z.output<C[N]['output']>;
};

function isFeature(name: string): name is Feature {
  return Object.hasOwn(CONTRACTS, name);
}

/** The feature a command name belongs to (the prefix before its dot), or null when no feature has that name. */
export function featureOf(name: string): Feature | null {
  const prefix = name.slice(0, Math.max(0, name.indexOf('.')));
  return isFeature(prefix) ? prefix : null;
}

/** The contract of one command, building its feature's schemas on first use; null for an unknown name. */
export async function commandSpec(name: string): Promise<CommandSpec | null> {
  const feature = featureOf(name);
  if (!feature) return null;
  const contract: Record<string, CommandSpec> = await CONTRACTS[feature]();
  // hasOwn: `inventory.constructor` names a property of every object, not a command.
  return Object.hasOwn(contract, name) ? (contract[name] ?? null) : null;
}

export type { Door } from './app';
