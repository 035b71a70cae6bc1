import { z } from 'zod';
import { KnownHostKey, PresentedHostKey } from '../domain/hostKey';
import { mutation, query } from './define';

const Id = z.number().int().positive();
const Port = z.number().int().min(1).max(65535);
const Fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'expected an OpenSSH SHA256 fingerprint');

export const ExecResult = z.object({
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
});
export type ExecResult = z.infer<typeof ExecResult>;

export const PortForward = z.object({
  id: z.string(),
  hostId: Id,
  hostName: z.string(),
  bindAddress: z.string(),
  localPort: Port,
  remoteHost: z.string(),
  remotePort: Port,
  /** TCP connections currently open through it. */
  connections: z.number().int().nonnegative(),
});
export type PortForward = z.infer<typeof PortForward>;

const SECRET_KINDS = ['password', 'passphrase'] as const;
export const SecretKind = z.enum(SECRET_KINDS);
export type SecretKind = z.infer<typeof SecretKind>;

export const PROMPT_KINDS = ['password', 'passphrase', 'keyboard-interactive'] as const;
export const SshPrompt = z.object({
  promptId: z.string(),
  hostId: Id,
  hostName: z.string(),
  kind: z.enum(PROMPT_KINDS),
  /** Server-supplied text (keyboard-interactive): show as text, never as HTML. */
  name: z.string(),
  instructions: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  /** Whether the answer may be kept in the vault (`remember` in ssh.answerPrompt). */
  canRemember: z.boolean(),
});
export type SshPrompt = z.infer<typeof SshPrompt>;

const CONNECTION_STATES = ['connecting', 'connected', 'reconnecting', 'disconnected', 'failed'] as const;
export const ConnectionState = z.object({
  /** `user@host:port` plus ` via ...` for each jump. */
  key: z.string(),
  hostId: Id,
  state: z.enum(CONNECTION_STATES),
  /** Error code when failed or lost. */
  code: z.string().nullable(),
  message: z.string(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const sshCommands = {
  /** Runs a command on the host over the pooled connection (and its jump chain). */
  'ssh.exec': mutation(
    z.object({
      hostId: Id,
      command: z.string().min(1).max(100_000),
      timeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
      stdin: z
        .string()
        .max(10 * 1024 * 1024)
        .optional(),
      /** Whether a login may ask a person (an `ssh.prompt` event); scripts leave it off and fail fast instead. */
      prompt: z.boolean().default(false),
    }),
    ExecResult,
  ),
  'ssh.listHostKeys': query(z.object({ host: z.string().optional() }), z.array(KnownHostKey)),
  /** Connects far enough to see the key the host presents now, and how it compares with the pinned one. */
  'ssh.scanHostKey': query(z.object({ hostId: Id }), PresentedHostKey),
  /** Pins the key the host presents, only if it has this fingerprint (the one the user was shown) and none is pinned. */
  'ssh.trustHostKey': mutation(z.object({ hostId: Id, fingerprint: Fingerprint }), KnownHostKey),
  /** Replaces a pinned key that changed, only if the new key has this fingerprint. */
  'ssh.replaceHostKey': mutation(z.object({ hostId: Id, fingerprint: Fingerprint }), KnownHostKey),
  /** Imports an OpenSSH known_hosts file; hashed entries are matched against the inventory's addresses. */
  'ssh.importKnownHosts': mutation(
    z.object({ text: z.string().max(20 * 1024 * 1024), source: z.string().max(1024).optional() }),
    z.object({
      imported: z.number().int(),
      alreadyKnown: z.number().int(),
      skipped: z.number().int(),
      /** `@revoked` keys recorded (never pinned; a host presenting one is refused). */
      revoked: z.number().int(),
      /** Lines Labvisor does not support (`@cert-authority`), each named with its line. */
      unsupported: z.array(z.string()),
    }),
  ),
  /** Stores a password or key passphrase for the host in the vault. The secret is never logged or returned. */
  'ssh.setSecret': mutation(
    z.object({ hostId: Id, kind: SecretKind, secret: z.string().min(1).max(4096) }),
    z.object({ ref: z.string() }),
  ),
  'ssh.clearSecret': mutation(z.object({ hostId: Id, kind: SecretKind }), z.object({ removed: z.boolean() })),
  /** Answers an `ssh.prompt` event; `answers` empty with `cancel` aborts the login. */
  'ssh.answerPrompt': mutation(
    z.object({
      promptId: z.string(),
      answers: z.array(z.string().max(4096)).max(32).default([]),
      remember: z.boolean().default(false),
      cancel: z.boolean().default(false),
    }),
    z.object({ accepted: z.boolean() }),
  ),
  'ssh.forwardCreate': mutation(
    z.object({
      hostId: Id,
      bindAddress: z.enum(['127.0.0.1', '::1']).default('127.0.0.1'),
      /** 0 picks a free port. */
      localPort: z.number().int().min(0).max(65535).default(0),
      remoteHost: z.string().trim().min(1).max(255),
      remotePort: Port,
    }),
    PortForward,
  ),
  'ssh.forwardList': query(z.object({ hostId: Id.optional() }), z.array(PortForward)),
  'ssh.forwardStop': mutation(z.object({ id: z.string() }), z.object({ stopped: z.boolean() })),
} as const;

export const sshEvents = {
  /** A login needs an answer from a person; answer with ssh.answerPrompt. */
  'ssh.prompt': SshPrompt,
  'ssh.connectionState': ConnectionState,
} as const;
