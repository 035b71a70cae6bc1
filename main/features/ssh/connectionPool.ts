import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { ConnectionState } from '../../../common/contract/ssh';
import { AppError } from '../../../common/result';
import { endpointKey, type SshEndpoint } from './sshEndpoint';
import { toSshError } from './sshErrors';
import { openTcpChannel } from './tcpChannel';

/** Opens one logged-in hop; `sock` is the previous hop's forwardOut stream. */
export type HopOpener = (ep: SshEndpoint, sock: Duplex | undefined, interactive: boolean) => Promise<Client>;

export interface LeaseOptions {
  /** Forwards and samplers: reconnect with backoff when the connection drops, for as long as the lease is held. */
  persistent?: boolean;
  /** Whether the login may ask a person (only the first lease of a connection decides). */
  interactive?: boolean;
}

/** One user's hold on a pooled connection. */
export interface Lease {
  readonly key: string;
  /** How many leases hold this connection now, this one included. */
  users(): number;
  /** The logged-in client, connecting (or reconnecting) first if needed. */
  client(): Promise<Client>;
  /** Called when the connection drops under this lease; the error says why. */
  onLost(listener: (error: AppError) => void): () => void;
  release(): void;
}

/** Extra connections one open tries before giving up (each refused because concurrent opens filled it). */
const MAX_EXTRA_ATTEMPTS = 8;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * SSH_MSG_CHANNEL_OPEN_FAILURE reasons a server gives when a session channel does not fit on a connection. OpenSSH
 * past MaxSessions answers CONNECT_FAILED "open failed" (seen from OpenSSH 9.2); RFC 4254 suggests
 * ADMINISTRATIVELY_PROHIBITED or RESOURCE_SHORTAGE, which other servers send. Only session opens are judged by this.
 */
const SESSION_REFUSALS = new Set([1, 2, 4]);

function refusedOpen(error: unknown): boolean {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'number' && SESSION_REFUSALS.has(reason);
}

/** A session channel on the connection that carries it; release the lease when the channel closes. */
export interface OpenedSession<T> {
  channel: T;
  lease: Lease;
}

/** A connection shared by every terminal, exec, forward, sampler and console to the same `user@host:port` + jumps. */
class PooledConnection {
  refs = 0;
  persistentRefs = 0;
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private jumpLease: Lease | null = null;
  private readonly lostListeners = new Set<(error: AppError) => void>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private closed = false;

  constructor(
    readonly key: string,
    private readonly ep: SshEndpoint,
    private readonly pool: ConnectionPool,
    private interactive: boolean,
  ) {}

  /**
   * A person is now among this connection's users (a terminal joining the metrics sampler's connection): logins from
   * now on may ask them. A login already under way without asking is tried once more, asking, if it fails for want
   * of a password; otherwise the person would get "no key, agent or password was accepted" and never be asked.
   */
  allowPrompts(): void {
    this.interactive = true;
  }

  get(): Promise<Client> {
    if (this.closed) return Promise.reject(new AppError('unreachable', `the connection ${this.key} was closed`));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  onLost(listener: (error: AppError) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.lostListeners.clear();
    const client = this.client;
    this.client = null;
    client?.end();
    this.releaseJump();
    this.pool.report(this.ep, this.key, 'disconnected', null, 'closed: no more users');
  }

  private async connect(): Promise<Client> {
    this.pool.report(this.ep, this.key, this.attempt > 0 ? 'reconnecting' : 'connecting', null, '');
    const interactive = this.interactive;
    try {
      let sock: Duplex | undefined;
      if (this.ep.jump) {
        this.jumpLease ??= this.pool.acquire(this.ep.jump, { interactive });
        const jump = await this.jumpLease.client();
        sock = await openTcpChannel(jump, this.ep.address, this.ep.port);
      }
      const client = await this.pool.openHop(this.ep, sock, interactive);
      if (this.closed) {
        client.end();
        throw new AppError('unreachable', `the connection ${this.key} was closed`);
      }
      this.client = client;
      this.attempt = 0;
      client.on('error', () => {});
      client.once('close', () => this.lost(client));
      this.pool.report(this.ep, this.key, 'connected', null, '');
      return client;
    } catch (error) {
      const appError = toSshError(error, this.ep);
      this.releaseJump();
      if (appError.code === 'auth_failed' && !interactive && this.interactive && !this.closed) return this.connect();
      this.pool.report(this.ep, this.key, 'failed', appError.code, appError.message);
      if (!this.closed && this.persistentRefs > 0) this.scheduleReconnect();
      throw appError;
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.releaseJump();
    const error = new AppError('unreachable', `the SSH connection to ${this.ep.hostName} was lost`);
    this.pool.report(this.ep, this.key, 'disconnected', error.code, error.message);
    for (const listener of [...this.lostListeners]) listener(error);
    if (!this.closed && this.persistentRefs > 0) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed && !this.client) this.get().catch(() => {});
    }, delay);
    this.reconnectTimer.unref();
  }

  private releaseJump(): void {
    this.jumpLease?.release();
    this.jumpLease = null;
  }
}

/** Ref-counted connections; the last release ends the connection (and releases its jump hosts in turn). */
export class ConnectionPool {
  private readonly connections = new Map<string, PooledConnection>();
  /** Extra connections per endpoint key, opened when the pooled one is full of sessions. */
  private readonly overflow = new Map<string, PooledConnection[]>();
  private extraSerial = 0;

  constructor(
    readonly openHop: HopOpener,
    private readonly onState: (state: ConnectionState) => void,
  ) {}

  acquire(ep: SshEndpoint, opts: LeaseOptions = {}): Lease {
    const key = endpointKey(ep);
    let conn = this.connections.get(key);
    if (!conn) {
      conn = new PooledConnection(key, ep, this, opts.interactive ?? false);
      this.connections.set(key, conn);
    } else if (opts.interactive) conn.allowPrompts();
    return this.leaseOn(conn, opts, () => this.connections.delete(key));
  }

  /**
   * Opens a session channel (shell or exec) to the endpoint. sshd caps the sessions one connection carries
   * (MaxSessions, 10 by default) and refuses the next open; then the channel goes on an extra connection to the same
   * endpoint (same pinned key, credentials and jump chain), which ends when its last channel's lease is released.
   * The pooled connection stays the first choice. `open` must reject with ssh2's own error so the refusal's reason
   * can be read.
   */
  async openSession<T>(
    ep: SshEndpoint,
    opts: LeaseOptions,
    open: (client: Client) => Promise<T>,
  ): Promise<OpenedSession<T>> {
    const key = endpointKey(ep);
    const opened = await this.tryOpen(this.acquire(ep, opts), open);
    if (opened) return opened;
    // Channels opened at the same time may fill a new extra connection before this open reaches it: try the next.
    const full = new Set<PooledConnection>();
    for (let tried = 0; tried < MAX_EXTRA_ATTEMPTS; tried++) {
      const conn = this.extras(key).find((c) => !full.has(c)) ?? this.addExtra(key, ep, opts.interactive ?? false);
      const lease = this.leaseOn(conn, { interactive: opts.interactive ?? false }, () => this.dropExtra(key, conn));
      const extra = await this.tryOpen(lease, open);
      if (extra) return extra;
      full.add(conn);
    }
    throw new AppError(
      'remote_error',
      `${ep.hostName} refused a session on ${MAX_EXTRA_ATTEMPTS} extra connections: too many sessions open`,
    );
  }

  /**
   * The opened channel, or null when the server refused it because this connection is full. A refusal on a
   * connection nothing else uses is not about the limit (sessions are refused outright): it is thrown.
   */
  private async tryOpen<T>(lease: Lease, open: (client: Client) => Promise<T>): Promise<OpenedSession<T> | null> {
    try {
      return { channel: await open(await lease.client()), lease };
    } catch (error) {
      const alone = lease.users() === 1;
      lease.release();
      if (!refusedOpen(error) || alone) throw error;
      return null;
    }
  }

  private extras(key: string): PooledConnection[] {
    return this.overflow.get(key) ?? [];
  }

  /** Logs in like the pooled connection: from the vault and key files, asking a person only for an interactive open. */
  private addExtra(key: string, ep: SshEndpoint, interactive: boolean): PooledConnection {
    const conn = new PooledConnection(`${key} (extra ${++this.extraSerial})`, ep, this, interactive);
    this.overflow.set(key, [...this.extras(key), conn]);
    return conn;
  }

  private dropExtra(key: string, conn: PooledConnection): void {
    const left = this.extras(key).filter((c) => c !== conn);
    if (left.length) this.overflow.set(key, left);
    else this.overflow.delete(key);
  }

  private leaseOn(held: PooledConnection, opts: LeaseOptions, onLast: () => void): Lease {
    const key = held.key;
    held.refs++;
    if (opts.persistent) held.persistentRefs++;
    const unsubscribers = new Set<() => void>();
    let released = false;
    return {
      key,
      users: () => held.refs,
      client: () => (released ? Promise.reject(new AppError('internal', 'lease already released')) : held.get()),
      onLost: (listener) => {
        const off = held.onLost(listener);
        unsubscribers.add(off);
        return off;
      },
      release: () => {
        if (released) return;
        released = true;
        for (const off of unsubscribers) off();
        if (opts.persistent) held.persistentRefs--;
        if (--held.refs > 0) return;
        onLast();
        held.close();
      },
    };
  }

  /** Keys of the open or opening connections (extra ones included), for tests and diagnostics. */
  keys(): string[] {
    return [...this.connections.keys(), ...[...this.overflow.values()].flat().map((c) => c.key)];
  }

  report(ep: SshEndpoint, key: string, state: ConnectionState['state'], code: string | null, message: string): void {
    this.onState({ key, hostId: ep.hostId, state, code, message });
  }

  closeAll(): void {
    for (const conn of this.connections.values()) conn.close();
    for (const conn of [...this.overflow.values()].flat()) conn.close();
    this.connections.clear();
    this.overflow.clear();
  }
}
