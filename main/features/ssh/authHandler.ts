import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware } from 'ssh2';
import type { Vault } from '../../platform/secrets/vault';
import type { Logger } from '../../platform/log';
import { loadSsh2 } from './loadSsh2';
import type { PromptBroker } from './promptBroker';
import type { SshEndpoint } from './sshEndpoint';

export interface AuthDeps {
  vault: Vault;
  prompts: PromptBroker;
  log: Logger;
  /** Whether a person may be asked (terminals, the CLI); background users (metrics, samplers) never prompt. */
  interactive: boolean;
  agentSocket: string | undefined;
  /** Where to look for id_ed25519 / id_ecdsa / id_rsa when the host names no identity file. */
  identityDir: string | null;
  /** What a leading `~` in an identity file stands for. */
  home: string;
  /** Wraps a wait for a person, so the connect timeout does not count it. */
  waitForPerson<T>(work: Promise<T>): Promise<T>;
  /** Ends the login with this error (the person cancelled, or nobody answered). */
  abort(error: unknown): void;
}

type Attempt = AnyAuthMethod;
/** One thing to try, tagged with the server's method name so nothing is asked for a method the server refuses. */
interface Step {
  method: AuthenticationType;
  run(): Promise<Attempt | null>;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * OpenSSH's order: agent, private keys, then password (vault first, then asking), then keyboard-interactive
 * (answered from the vault's password for the usual single `Password:` question, else by a person).
 */
export function createAuthHandler(ep: SshEndpoint, deps: AuthDeps): AuthHandlerMiddleware {
  const username = ep.user;
  // `none` first, as OpenSSH does: the server's answer lists the methods it accepts, so nobody is asked for
  // a password the server would refuse anyway.
  const steps: Step[] = [{ method: 'none', run: async () => ({ type: 'none', username }) }];
  if (deps.agentSocket) {
    const agent = deps.agentSocket;
    steps.push({ method: 'publickey', run: async () => ({ type: 'agent', username, agent }) });
  }
  for (const file of identityFiles(ep, deps.identityDir, deps.home))
    steps.push({ method: 'publickey', run: () => keyAttempt(ep, file, deps) });
  const vaultPassword = () => deps.vault.get(ep.passwordKey);
  let usedVaultForKeyboard = false;
  steps.push({
    method: 'password',
    run: async () => {
      const password = vaultPassword();
      return password === null ? null : { type: 'password', username, password };
    },
  });
  if (deps.interactive)
    steps.push({
      method: 'password',
      run: async () => {
        const { answers, remember } = await deps.waitForPerson(
          deps.prompts.ask({
            hostId: ep.hostId,
            hostName: ep.hostName,
            kind: 'password',
            name: `${username}@${ep.hostName}`,
            instructions: '',
            prompts: [{ prompt: `Password for ${username}@${ep.hostName}: `, echo: false }],
            canRemember: true,
          }),
        );
        const password = answers[0] ?? '';
        if (remember && password) deps.vault.set(ep.passwordKey, password);
        return { type: 'password', username, password };
      },
    });
  steps.push({
    method: 'keyboard-interactive',
    run: async () =>
      !deps.interactive && vaultPassword() === null
        ? null
        : {
            type: 'keyboard-interactive',
            username,
            prompt: (name, instructions, _lang, prompts, finish) => {
              const password = vaultPassword();
              if (prompts.length === 1 && !prompts[0]!.echo && password !== null && !usedVaultForKeyboard) {
                usedVaultForKeyboard = true;
                return finish([password]);
              }
              if (!deps.interactive) return finish([]);
              deps
                .waitForPerson(
                  deps.prompts.ask({
                    hostId: ep.hostId,
                    hostName: ep.hostName,
                    kind: 'keyboard-interactive',
                    name,
                    instructions,
                    prompts: prompts.map((p) => ({ prompt: p.prompt, echo: Boolean(p.echo) })),
                    canRemember: false,
                  }),
                )
                .then(({ answers }) => finish(answers))
                .catch((error: unknown) => deps.abort(error));
            },
          },
  });

  let next = 0;
  return (methodsLeft, _partial, callback) => {
    const advance = async (): Promise<Attempt | false> => {
      while (next < steps.length) {
        const step = steps[next++]!;
        if (methodsLeft && !methodsLeft.includes(step.method)) continue;
        const attempt = await step.run();
        if (attempt) return attempt;
      }
      return false;
    };
    // ssh2 takes `false` for "no more methods", which its typings omit.
    const done = callback as (attempt: Attempt | false) => void;
    advance().then(done, (error: unknown) => {
      deps.log.info('ssh login gave up', { host: ep.hostName, reason: (error as Error).message });
      deps.abort(error);
    });
  };
}

function identityFiles(ep: SshEndpoint, identityDir: string | null, home: string): string[] {
  if (ep.identityFiles.length) return ep.identityFiles.map((f) => expandTilde(f, home));
  if (!identityDir) return [];
  return DEFAULT_KEYS.map((name) => join(identityDir, name)).filter((f) => existsSync(f));
}

async function keyAttempt(ep: SshEndpoint, file: string, deps: AuthDeps): Promise<Attempt | null> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    deps.log.warn('ssh identity file unreadable', { host: ep.hostName, file, error: (error as Error).message });
    return null;
  }
  const { parseKey } = (await loadSsh2()).utils;
  const plain = parseKey(data);
  if (!(plain instanceof Error)) return { type: 'publickey', username: ep.user, key: data };
  if (!/passphrase/i.test(plain.message)) {
    deps.log.warn('ssh identity file is not a usable private key', { host: ep.hostName, file });
    return null;
  }
  const stored = deps.vault.get(ep.passphraseKey);
  if (stored !== null && !(parseKey(data, stored) instanceof Error))
    return { type: 'publickey', username: ep.user, key: data, passphrase: stored };
  if (!deps.interactive) return null;
  const { answers, remember } = await deps.waitForPerson(
    deps.prompts.ask({
      hostId: ep.hostId,
      hostName: ep.hostName,
      kind: 'passphrase',
      name: file,
      instructions: '',
      prompts: [{ prompt: `Passphrase for key ${file}: `, echo: false }],
      canRemember: true,
    }),
  );
  const passphrase = answers[0] ?? '';
  if (parseKey(data, passphrase) instanceof Error) return null;
  if (remember) deps.vault.set(ep.passphraseKey, passphrase);
  return { type: 'publickey', username: ep.user, key: data, passphrase };
}

/**
 * `~/.ssh/id_lab` as ssh_config writes it (and as imports keep it): `~` is the user's home, expanded when
 * connecting so the stored path stays the one the user wrote. `~user/` is left alone (it names another user).
 */
function expandTilde(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}
