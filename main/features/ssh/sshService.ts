import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import type { Door } from '../../../common/contract';
import type { ExecResult, PortForward, SecretKind } from '../../../common/contract/ssh';
import type { KnownHostKey, PresentedHostKey } from '../../../common/domain/hostKey';
import { AppError } from '../../../common/result';
import type { ByteStream } from '../../platform/byteStreams';
import type { EventBus } from '../../platform/eventBus';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/log';
import type { Vault } from '../../platform/secrets/vault';
import { secretRef } from '../../platform/secrets/secretKeys';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import { channelStream, watchExit } from './channelStream';
import { ConnectionPool, type Lease, type LeaseOptions } from './connectionPool';
import { execCommand } from './execCommand';
import type { HostKeyVerdict } from './hostKeys/hostKeyPolicy';
import { importKnownHosts } from './hostKeys/importKnownHosts';
import { KnownHostsRepo } from './hostKeys/knownHostsRepo';
import { openClient } from './openClient';
import { PortForwards } from './portForwards';
import { openTcpChannel, openUnixChannel } from './tcpChannel';
import { PromptBroker, type PromptAnswer } from './promptBroker';
import { defaultSshUser, resolveEndpoint, type SshEndpoint } from './sshEndpoint';

export interface SshOptions {
  /** Bound on reaching and logging in to each hop (not counting a person answering a prompt). */
  connectTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  /** The user when a host names none. */
  defaultUser?: string;
  /** Where default keys (id_ed25519, id_ecdsa, id_rsa) are looked for; null for none. */
  identityDir?: string | null;
  /** What `~` in an IdentityFile means (as in ssh_config); the user's home directory unless a test says. */
  home?: string;
  /** The ssh-agent socket; defaults to $SSH_AUTH_SOCK. */
  agentSocket?: string | undefined;
}

export interface ShellOptions {
  cols: number;
  rows: number;
  term?: string;
}

interface Deps {
  db: Db;
  log: Logger;
  events: EventBus;
  vault: Vault;
  audit: AuditLog;
  inventory: InventoryService;
}

/**
 * SSH for every feature: one pooled connection per `user@host:port` + jump chain, shared by terminals, exec,
 * forwards, samplers and consoles, with pinned host keys that are never accepted without a person saying so.
 */
export class SshService {
  readonly knownHosts: KnownHostsRepo;
  private readonly pool: ConnectionPool;
  private readonly prompts: PromptBroker;
  private readonly forwards: PortForwards;
  /** The last key each endpoint presented, so `trustHostKey` pins exactly the key the user was shown. */
  private readonly presented = new Map<string, HostKeyVerdict>();
  private readonly opts: Required<Omit<SshOptions, 'agentSocket'>> & { agentSocket: string | undefined };

  constructor(
    private readonly deps: Deps,
    options: SshOptions = {},
  ) {
    this.opts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
      defaultUser: options.defaultUser ?? defaultSshUser(),
      identityDir: options.identityDir === undefined ? join(homedir(), '.ssh') : options.identityDir,
      home: options.home ?? homedir(),
      agentSocket: 'agentSocket' in options ? options.agentSocket : process.env.SSH_AUTH_SOCK,
    };
    this.knownHosts = new KnownHostsRepo(deps.db);
    this.prompts = new PromptBroker(deps.events);
    this.forwards = new PortForwards(deps.log);
    this.pool = new ConnectionPool(
      (ep, sock, interactive) => this.openHop(ep, sock, interactive),
      (state) => {
        deps.log.info('ssh connection', { ...state });
        deps.events.emit('ssh.connectionState', state);
      },
    );
  }

  endpoint(hostId: number): SshEndpoint {
    return resolveEndpoint(hostId, (id) => this.deps.inventory.get(id), this.opts.defaultUser);
  }

  /** Holds the host's pooled connection; release the lease when done. */
  lease(hostId: number, opts: LeaseOptions = {}): Lease {
    return this.pool.acquire(this.endpoint(hostId), opts);
  }

  /**
   * A TCP connection from `hostId` to `host:port` (a BMC or a VNC server only that host can reach), over the host's
   * pooled SSH connection; the connection stays held until the returned stream closes.
   */
  openTcp(hostId: number, host: string, port: number): Promise<Duplex> {
    return this.openForward(hostId, (client) => openTcpChannel(client, host, port));
  }

  /** Like `openTcp`, to a unix socket on `hostId` (libvirt's or QEMU's VNC socket). Needs OpenSSH's streamlocal. */
  openUnix(hostId: number, socketPath: string): Promise<Duplex> {
    return this.openForward(hostId, (client) => openUnixChannel(client, socketPath));
  }

  private async openForward(hostId: number, open: (client: Client) => Promise<Duplex>): Promise<Duplex> {
    const lease = this.lease(hostId, { interactive: false });
    try {
      const channel = await open(await lease.client());
      channel.once('close', () => lease.release());
      return channel;
    } catch (error) {
      lease.release();
      throw error;
    }
  }

  async exec(
    hostId: number,
    command: string,
    opts: { timeoutMs?: number; stdin?: string; interactive?: boolean } = {},
  ): Promise<ExecResult> {
    const ep = this.endpoint(hostId);
    // Collected from inside ssh2's callback: a quick command's output, exit status and close may arrive in the
    // same packet batch as the channel's confirmation, before code awaiting the channel could listen.
    const { channel: running, lease } = await this.openSession(
      ep,
      'command',
      { interactive: opts.interactive ?? false },
      (client, cb) => client.exec(command, cb),
      (channel) => execCommand(channel, { timeoutMs: opts.timeoutMs ?? 60_000, stdin: opts.stdin }, ep.hostName),
    );
    let offLost = () => {};
    try {
      const lost = new Promise<never>((_, reject) => (offLost = lease.onLost(reject)));
      return await Promise.race([running, lost]);
    } finally {
      offLost();
      lease.release();
    }
  }

  /** An interactive shell with a pty; the caller registers it in `services.streams` for a door to attach. */
  async openShell(hostId: number, opts: ShellOptions, interactive = true): Promise<ByteStream> {
    const ep = this.endpoint(hostId);
    const pty: PseudoTtyOptions = { cols: opts.cols, rows: opts.rows, term: opts.term ?? 'xterm-256color' };
    return this.openChannel(ep, 'ssh', { interactive }, (client, cb) => client.shell(pty, cb));
  }

  /** A long-lived command's output as a stream (samplers, consoles such as `virsh console`); stderr is merged. */
  async openExecStream(hostId: number, command: string, opts: { pty?: ShellOptions } = {}): Promise<ByteStream> {
    const ep = this.endpoint(hostId);
    const pty = opts.pty
      ? { cols: opts.pty.cols, rows: opts.pty.rows, term: opts.pty.term ?? 'xterm-256color' }
      : undefined;
    return this.openChannel(ep, 'exec', { persistent: true }, (client, cb) =>
      pty ? client.exec(command, { pty }, cb) : client.exec(command, cb),
    );
  }

  private async openChannel(
    ep: SshEndpoint,
    kind: string,
    leaseOpts: LeaseOptions,
    open: (client: Client, cb: (error: Error | undefined, channel: ClientChannel) => void) => void,
  ): Promise<ByteStream> {
    const { channel, lease } = await this.openSession(ep, kind, leaseOpts, open, (ch) => ({ ch, exit: watchExit(ch) }));
    return channelStream(channel.ch, lease, kind, ep.hostName, channel.exit);
  }

  /**
   * A session channel on the host's pooled connection, or on an extra one when sshd's MaxSessions fills it.
   * `start` runs inside ssh2's open callback, so it listens before the channel can emit anything.
   */
  private async openSession<T>(
    ep: SshEndpoint,
    kind: string,
    leaseOpts: LeaseOptions,
    open: (client: Client, cb: (error: Error | undefined, channel: ClientChannel) => void) => void,
    start: (channel: ClientChannel) => T,
  ) {
    try {
      return await this.pool.openSession(
        ep,
        leaseOpts,
        (client) =>
          new Promise<T>((resolve, reject) =>
            open(client, (error, channel) => (error ? reject(error) : resolve(start(channel)))),
          ),
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('remote_error', `${ep.hostName} refused the ${kind}: ${(error as Error).message}`);
    }
  }

  answerPrompt(promptId: string, answer: PromptAnswer & { cancel: boolean }): boolean {
    return this.prompts.answer(promptId, answer);
  }

  // --- host keys

  listHostKeys(host?: string): KnownHostKey[] {
    return this.knownHosts.list(host);
  }

  /** Connects just far enough to see the host key (jump hops must already be trusted). */
  async scanHostKey(hostId: number): Promise<PresentedHostKey> {
    const ep = this.endpoint(hostId);
    const verdict = await this.scan(ep);
    const { blob: _blob, pinned: _pinned, ...shown } = verdict;
    return shown;
  }

  async trustHostKey(hostId: number, fingerprint: string, door: Door): Promise<KnownHostKey> {
    return this.pin(hostId, fingerprint, door, 'unknown');
  }

  async replaceHostKey(hostId: number, fingerprint: string, door: Door): Promise<KnownHostKey> {
    return this.pin(hostId, fingerprint, door, 'mismatch');
  }

  importKnownHosts(text: string, source: string | undefined, door: Door) {
    const result = importKnownHosts(text, this.knownHosts, this.deps.inventory.list());
    this.deps.audit.append({
      door,
      action: 'ssh.importKnownHosts',
      target: source ?? null,
      after: result,
      result: 'ok',
    });
    return result;
  }

  // --- secrets

  setSecret(hostId: number, kind: SecretKind, secret: string, door: Door): { ref: string } {
    const ep = this.endpoint(hostId);
    const key = kind === 'password' ? ep.passwordKey : ep.passphraseKey;
    const ref = secretRef(key);
    // The vault lives in the same database: the secret and its audit entry commit together.
    this.deps.db.transaction(() => {
      this.deps.vault.set(key, secret);
      this.deps.audit.append({
        door,
        action: 'ssh.setSecret',
        target: ep.hostName,
        after: { kind, ref },
        result: 'ok',
      });
    })();
    return { ref };
  }

  clearSecret(hostId: number, kind: SecretKind, door: Door): { removed: boolean } {
    const ep = this.endpoint(hostId);
    const key = kind === 'password' ? ep.passwordKey : ep.passphraseKey;
    const ref = secretRef(key);
    return this.deps.db.transaction(() => {
      const removed = this.deps.vault.delete(key);
      this.deps.audit.append({
        door,
        action: 'ssh.clearSecret',
        target: ep.hostName,
        before: { kind, ref },
        result: 'ok',
      });
      return { removed };
    })();
  }

  // --- forwards

  async forwardCreate(
    spec: { hostId: number; bindAddress: string; localPort: number; remoteHost: string; remotePort: number },
    door: Door,
  ): Promise<PortForward> {
    const ep = this.endpoint(spec.hostId);
    const lease = this.pool.acquire(ep, { persistent: true });
    const forward = await this.forwards.create({ ...spec, hostName: ep.hostName }, lease);
    this.deps.audit.append({ door, action: 'ssh.forwardCreate', target: ep.hostName, after: forward, result: 'ok' });
    return forward;
  }

  forwardList(hostId?: number): PortForward[] {
    return this.forwards.list(hostId);
  }

  forwardStop(id: string, door: Door): boolean {
    const forward = this.forwards.get(id);
    const stopped = this.forwards.stop(id);
    if (forward)
      this.deps.audit.append({
        door,
        action: 'ssh.forwardStop',
        target: forward.hostName,
        before: forward,
        result: 'ok',
      });
    return stopped;
  }

  /** Keys of the pooled connections (diagnostics and tests). */
  connectionKeys(): string[] {
    return this.pool.keys();
  }

  close(): void {
    this.prompts.cancelAll();
    this.forwards.stopAll();
    this.pool.closeAll();
  }

  private openHop(ep: SshEndpoint, sock: Duplex | undefined, interactive: boolean, scanOnly = false): Promise<Client> {
    return openClient({
      ep,
      ...(sock ? { sock } : {}),
      timeoutMs: this.opts.connectTimeoutMs,
      keepaliveIntervalMs: this.opts.keepaliveIntervalMs,
      knownHosts: this.knownHosts,
      auth: {
        vault: this.deps.vault,
        prompts: this.prompts,
        log: this.deps.log,
        interactive,
        agentSocket: this.opts.agentSocket,
        identityDir: this.opts.identityDir,
        home: this.opts.home,
      },
      onHostKey: (verdict) => this.presented.set(`${ep.address}:${ep.port}`, verdict),
      scanOnly,
    });
  }

  private async scan(ep: SshEndpoint): Promise<HostKeyVerdict> {
    const jumpLease = ep.jump ? this.pool.acquire(ep.jump) : null;
    const id = `${ep.address}:${ep.port}`;
    this.presented.delete(id);
    try {
      let sock: Duplex | undefined;
      if (jumpLease) {
        const jump = await jumpLease.client();
        sock = await openTcpChannel(jump, ep.address, ep.port);
      }
      await this.openHop(ep, sock, false, true).then(
        (client) => client.end(),
        (error: unknown) => {
          if (!this.presented.has(id)) throw error;
        },
      );
      return this.presented.get(id)!;
    } finally {
      jumpLease?.release();
    }
  }

  private async pin(
    hostId: number,
    fingerprint: string,
    door: Door,
    expected: 'unknown' | 'mismatch',
  ): Promise<KnownHostKey> {
    const ep = this.endpoint(hostId);
    const cached = this.presented.get(`${ep.address}:${ep.port}`);
    const verdict = cached?.fingerprint === fingerprint ? cached : await this.scan(ep);
    const action = expected === 'unknown' ? 'ssh.trustHostKey' : 'ssh.replaceHostKey';
    if (verdict.fingerprint !== fingerprint)
      throw new AppError(
        'conflict',
        `${ep.hostName} presents ${verdict.keyType} ${verdict.fingerprint}, not ${fingerprint}: nothing was changed`,
        { fingerprint: verdict.fingerprint, keyType: verdict.keyType },
      );
    if (this.knownHosts.isRevoked(verdict.blob.toString('base64')))
      throw new AppError(
        'host_key_revoked',
        `${ep.hostName} presents ${verdict.keyType} ${verdict.fingerprint}, a key marked @revoked in an imported known_hosts: it is never trusted`,
      );
    // Re-judge against the database now: the cached verdict may predate another door's change.
    const current = this.knownHosts.forEndpoint(ep.address, ep.port);
    const same = current.find((k) => k.keyType === verdict.keyType && k.fingerprint === fingerprint);
    if (same) return same;
    if (expected === 'unknown' && current.length > 0)
      throw new AppError(
        'host_key_mismatch',
        `${ep.hostName} already has a different pinned key (${current.map((k) => k.fingerprint).join(', ')}); ` +
          `use replace if the change is expected`,
      );
    if (expected === 'mismatch' && current.length === 0)
      throw new AppError('not_found', `${ep.hostName} has no pinned key to replace; trust it instead`);
    const before = current.map((k) => ({ keyType: k.keyType, fingerprint: k.fingerprint }));
    const key = this.knownHosts.put({
      host: ep.address,
      port: ep.port,
      keyType: verdict.keyType,
      keyBase64: verdict.blob.toString('base64'),
      fingerprint,
      source: 'user',
    });
    if (expected === 'mismatch') this.knownHosts.removeOtherTypes(ep.address, ep.port, verdict.keyType);
    this.deps.audit.append({
      door,
      action,
      target: ep.hostName,
      before: before.length ? before : null,
      after: { host: key.host, port: key.port, keyType: key.keyType, fingerprint: key.fingerprint },
      result: 'ok',
    });
    return key;
  }
}
