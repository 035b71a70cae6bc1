import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { AppError } from '../../../common/result';
import { createAuthHandler, type AuthDeps } from './authHandler';
import { Deadline } from './deadline';
import { loadSsh2 } from './loadSsh2';
import { algorithmsForKeyType } from './hostKeys/fingerprint';
import { judgeHostKey, type HostKeyVerdict } from './hostKeys/hostKeyPolicy';
import type { KnownHostsRepo } from './hostKeys/knownHostsRepo';
import { endpointPattern } from './hostKeys/parseKnownHosts';
import { toSshError } from './sshErrors';
import type { SshEndpoint } from './sshEndpoint';

export interface OpenClientOptions {
  ep: SshEndpoint;
  /** The jump host's forwardOut stream, when this host is reached through one. */
  sock?: Duplex;
  timeoutMs: number;
  keepaliveIntervalMs: number;
  knownHosts: KnownHostsRepo;
  auth: Omit<AuthDeps, 'waitForPerson' | 'abort'>;
  /** Every key the server presents is reported here (for `ssh.trustHostKey` to pin what the user saw). */
  onHostKey(verdict: HostKeyVerdict): void;
  /** Stop after the host key: used to scan it, never to log in. */
  scanOnly?: boolean;
}

/** Connects and logs in to one hop; rejects with an AppError whose code says what went wrong. */
export async function openClient(opts: OpenClientOptions): Promise<Client> {
  const { ep } = opts;
  const client = new (await loadSsh2()).Client();
  return new Promise<Client>((resolve, reject) => {
    let verdict: HostKeyVerdict | null = null;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      deadline.clear();
      client.end();
      opts.sock?.destroy();
      reject(hostKeyError(verdict, ep) ?? toSshError(error, ep));
    };
    const deadline = new Deadline(opts.timeoutMs, () =>
      fail(
        new AppError('timeout', `${ep.hostName} (${ep.address}:${ep.port}) did not answer within ${opts.timeoutMs} ms`),
      ),
    );
    const pinnedTypes = [...new Set(opts.knownHosts.forEndpoint(ep.address, ep.port).map((k) => k.keyType))];
    client.on('ready', () => {
      if (settled) return void client.end();
      settled = true;
      deadline.clear();
      // Keystrokes and VNC input are small writes: without this, Nagle holds each behind the previous one's ACK.
      client.setNoDelay(true);
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string }) => {
      // ssh2 reports a failing agent or key as an error and goes on with the next method.
      if (error.level === 'agent' || error.level === 'client-authentication-key') return;
      fail(error);
    });
    client.on('close', () => fail(new AppError('unreachable', `${ep.hostName} closed the connection during login`)));
    client.connect({
      ...(opts.sock ? { sock: opts.sock } : { host: ep.address, port: ep.port }),
      username: ep.user,
      readyTimeout: 0,
      keepaliveInterval: opts.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      tryKeyboard: true,
      algorithms: { serverHostKey: { prepend: pinnedTypes.flatMap(algorithmsForKeyType) } as never },
      hostVerifier: (key: Buffer) => {
        verdict = judgeHostKey(opts.knownHosts, ep.address, ep.port, key);
        opts.onHostKey(verdict);
        return !opts.scanOnly && verdict.status === 'match';
      },
      authHandler: createAuthHandler(ep, { ...opts.auth, waitForPerson: (work) => deadline.during(work), abort: fail }),
    });
  });
}

function hostKeyError(verdict: HostKeyVerdict | null, ep: SshEndpoint): AppError | null {
  if (!verdict || verdict.status === 'match') return null;
  const where = endpointPattern(ep.address, ep.port);
  const details = {
    host: verdict.host,
    port: verdict.port,
    keyType: verdict.keyType,
    fingerprint: verdict.fingerprint,
    pinnedFingerprint: verdict.pinnedFingerprint,
    hostId: ep.hostId,
  };
  if (verdict.status === 'revoked')
    return new AppError(
      'host_key_revoked',
      `${ep.hostName} (${where}) presents its ${verdict.keyType} key ${verdict.fingerprint}, which is marked @revoked in ` +
        `an imported known_hosts file. Connection refused: a revoked key is never trusted.`,
      details,
    );
  if (verdict.status === 'unknown')
    return new AppError(
      'host_key_unknown',
      `the authenticity of ${ep.hostName} (${where}) can't be established: its ${verdict.keyType} key fingerprint is ` +
        `${verdict.fingerprint}. Check it, then trust it explicitly (labvisor hostkeys trust ${ep.hostName}).`,
      details,
    );
  return new AppError(
    'host_key_mismatch',
    `WARNING: THE HOST KEY OF ${ep.hostName} (${where}) HAS CHANGED. Someone could be intercepting the connection ` +
      `(man-in-the-middle), or the host was reinstalled. Pinned: ${verdict.pinned?.keyType} ${verdict.pinnedFingerprint}; ` +
      `presented now: ${verdict.keyType} ${verdict.fingerprint}. Connection refused. If the change is expected, ` +
      `replace the key explicitly (labvisor hostkeys replace ${ep.hostName}).`,
    details,
  );
}
