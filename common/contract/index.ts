import type { z } from 'zod';
import { appCommands, appEvents, type Door } from './app';
import { auditCommands, auditEvents } from './audit';
import { inventoryCommands, inventoryEvents } from './inventory';
import { sshCommands, sshEvents } from './ssh';
import { terminalCommands, terminalEvents } from './terminal';
import { powerCommands, powerEvents } from './power';
import { bmcCommands, bmcEvents } from './bmc';
import { virtCommands, virtEvents } from './virt';
import { metricsCommands, metricsEvents } from './metrics';
import { consoleCommands, consoleEvents } from './console';
import type { CommandSpec } from './define';

/** Every command of every feature, `feature.verb` → { input, output }. Each front door dispatches only these. */
export const commands = {
  ...appCommands,
  ...auditCommands,
  ...inventoryCommands,
  ...sshCommands,
  ...terminalCommands,
  ...powerCommands,
  ...bmcCommands,
  ...virtCommands,
  ...metricsCommands,
  ...consoleCommands,
} as const satisfies Record<string, CommandSpec>;

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

type Commands = typeof commands;
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

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export type { Door } from './app';
