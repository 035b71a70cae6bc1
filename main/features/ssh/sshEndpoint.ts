import { userInfo } from 'node:os';
import { primaryAddress, type Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { SecretKey } from '../../platform/secrets/secretKeys';

/** Everything needed to reach one host, including the hosts it is reached through. */
export interface SshEndpoint {
  hostId: number;
  hostName: string;
  address: string;
  port: number;
  user: string;
  /** The host's IdentityFiles, in the order ssh tries them (empty: the default keys). */
  identityFiles: string[];
  passwordKey: SecretKey;
  passphraseKey: SecretKey;
  jump: SshEndpoint | null;
}

const MAX_JUMPS = 8;

export function defaultSshUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}

/** Resolves a host and its jump chain (host.ssh.jumpHostId, that host's own jump, ...) from the inventory. */
export function resolveEndpoint(
  hostId: number,
  getHost: (id: number) => Host,
  defaultUser = defaultSshUser(),
): SshEndpoint {
  const chain: Host[] = [];
  for (let id: number | null = hostId; id !== null;) {
    const host = getHost(id);
    if (chain.some((h) => h.id === host.id))
      throw new AppError('invalid_input', `the jump chain of ${chain[0]!.name} loops back to ${host.name}`);
    if (chain.length > MAX_JUMPS)
      throw new AppError('invalid_input', `the jump chain of ${chain[0]!.name} is longer than ${MAX_JUMPS} hops`);
    chain.push(host);
    id = host.ssh.jumpHostId;
  }
  let jump: SshEndpoint | null = null;
  for (const host of chain.reverse()) {
    const address = primaryAddress(host);
    if (!address) throw new AppError('invalid_input', `${host.name} has no address to connect to`);
    jump = {
      hostId: host.id,
      hostName: host.name,
      address,
      port: host.ssh.port ?? 22,
      user: host.ssh.user ?? defaultUser,
      identityFiles: [...(host.ssh.identityFile ? [host.ssh.identityFile] : []), ...host.ssh.moreIdentityFiles],
      passwordKey: { hostId: host.id, purpose: 'ssh-password' },
      passphraseKey: { hostId: host.id, purpose: 'ssh-passphrase' },
      jump,
    };
  }
  return jump!;
}

/** The pool key: `user@host:port`, then ` via ` and the jump's key for each hop. */
export function endpointKey(ep: SshEndpoint): string {
  const self = `${ep.user}@${ep.address.includes(':') ? `[${ep.address}]` : ep.address}:${ep.port}`;
  return ep.jump ? `${self} via ${endpointKey(ep.jump)}` : self;
}
