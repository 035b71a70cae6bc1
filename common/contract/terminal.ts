import { z } from 'zod';
import { mutation, query } from './define';

const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(1000);
const StreamId = z.string().min(1).max(100);

export const TerminalOpened = z.object({
  /** Attach to it over the stream transport (a WebSocket per stream, or an Electron MessagePort). */
  streamId: StreamId,
  /** What the tab shows: `user@host`, from the inventory. */
  title: z.string(),
});
export type TerminalOpened = z.infer<typeof TerminalOpened>;

const TerminalEnded = z.object({
  streamId: StreamId,
  /** null when the shell exited or was closed; an error code when the connection broke. */
  code: z.string().nullable(),
  message: z.string(),
});

export const terminalCommands = {
  // A shell can change anything on the remote host, so read-only mode refuses it and the audit log records it.
  'terminal.open': mutation(
    z.object({ hostId: z.number().int().positive(), cols: Cols.default(80), rows: Rows.default(24) }),
    TerminalOpened,
  ),
  'terminal.resize': query(z.object({ streamId: StreamId, cols: Cols, rows: Rows }), z.object({})),
  'terminal.close': query(z.object({ streamId: StreamId }), z.object({})),
} as const;

export const terminalEvents = {
  'terminal.ended': TerminalEnded,
} as const;
