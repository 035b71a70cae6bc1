import { z } from 'zod';
import { query } from './define';
import { Door } from './app';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  door: Door,
  /** The command name, e.g. `inventory.updateHost` or `power.set`. */
  action: z.string(),
  /** What it acted on, e.g. a host name; null for whole-inventory actions. */
  target: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  result: z.enum(['ok', 'error']),
  message: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Entries whose hash was recomputed (entries written before the chain existed are not counted). */
  checked: z.number().int(),
  /** The first entry whose hash does not follow from the one before it. */
  brokenAt: z.number().int().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const auditCommands = {
  /** Recomputes the hash chain: detects entries changed, removed or inserted by anything but Labvisor. */
  'audit.verify': query(z.object({}), AuditVerification),
  'audit.list': query(
    z.object({
      limit: z.number().int().min(1).max(10_000).default(200),
      beforeId: z.number().int().positive().optional(),
      target: z.string().optional(),
    }),
    z.array(AuditEntry),
  ),
} as const;

export const auditEvents = {
  'audit.appended': AuditEntry,
} as const;
