import { randomUUID } from 'node:crypto';
import type { ByteStream } from '../../platform/byteStreams';
import type { EventBus } from '../../platform/eventBus';
import type { Logger } from '../../platform/log';
import { shellQuote } from '../../../common/text/shellQuote';

/** `2026-12-01 15:30:00.123+0000: event 'lifecycle' for domain 'vm01': Started Booted` */
const LINE = /^(?:\S+ \S+: )?event '([^']+)' for domain '(.*)': ?(.*)$/;

export function parseEventLine(line: string): { event: string; domain: string; detail: string } | null {
  const m = LINE.exec(line.trim());
  return m ? { event: m[1]!, domain: m[2]!, detail: m[3]! } : null;
}

/**
 * The remote command that follows a hypervisor's domain events: `virsh event --all --loop`, ended when its SSH
 * channel closes. An exec channel has no pty, so closing it sends virsh no SIGHUP, and virsh would only notice the
 * closed pipe at its next write, i.e. at the next domain event: on a quiet hypervisor each lease lapse would leave
 * one more virsh behind. So a watcher reads the channel's stdin (which Labvisor never ends) and kills virsh at its
 * end of file, which sshd gives when the channel closes or the connection drops. A virsh that ends by itself
 * (libvirtd restarted, URI refused) still ends the channel, with its status: the watcher is killed first (its
 * `cat` then holds no output of the channel, so it cannot keep the channel open, and ends at that same end of file).
 * fd 3 keeps the channel's stdin for the watcher, because an asynchronous list's stdin is /dev/null; `sh -c`
 * because the login shell may not be a POSIX one.
 */
export function eventFollowCommand(uri: string): string {
  const script = [
    'exec 3<&0 </dev/null',
    `env LC_ALL=C virsh -c ${shellQuote(uri)} event --all --loop --timestamp 3<&- & v=$!`,
    '{ cat <&3 >/dev/null 2>&1; kill $v 2>/dev/null; } >/dev/null 2>&1 & w=$!',
    'exec 3<&-',
    'wait $v; s=$?',
    'kill $w 2>/dev/null',
    'exit $s',
  ].join('; ');
  return `sh -c ${shellQuote(script)}`;
}

interface Deps {
  openStream(hostId: number, command: string): Promise<ByteStream>;
  uriOf(hostId: number): string;
  events: EventBus;
  log: Logger;
}

interface Follow {
  stream: ByteStream | null;
  retryTimer: NodeJS.Timeout | null;
  failures: number;
}

const LEASE_MS = 60_000;
const MAX_RETRY_MS = 30_000;

/**
 * Follows `virsh event --all --loop` on each watched hypervisor (one long-lived channel on its pooled SSH
 * connection) and re-emits each line as a `virt.domainEvent`; a dropped stream reconnects with backoff. Watches
 * are leases, as for BMC health: a client that goes away stops costing a channel once its lease lapses.
 */
export class DomainEventFollower {
  private readonly watches = new Map<string, { hostId: number; expiresAt: number }>();
  private readonly follows = new Map<number, Follow>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly deps: Deps,
    private readonly retryBaseMs = 1000,
  ) {
    this.sweep = setInterval(() => this.expire(), 5_000);
    this.sweep.unref();
  }

  watch(hostId: number, watchId?: string): { watchId: string; leaseSec: number } {
    const id = watchId && this.watches.get(watchId)?.hostId === hostId ? watchId : randomUUID();
    this.watches.set(id, { hostId, expiresAt: Date.now() + LEASE_MS });
    if (!this.follows.has(hostId)) {
      this.follows.set(hostId, { stream: null, retryTimer: null, failures: 0 });
      void this.open(hostId);
    }
    return { watchId: id, leaseSec: LEASE_MS / 1000 };
  }

  unwatch(watchId: string): boolean {
    const removed = this.watches.delete(watchId);
    this.expire();
    return removed;
  }

  /** Hypervisors currently followed (diagnostics and tests). */
  following(): number[] {
    return [...this.follows.keys()];
  }

  close(): void {
    clearInterval(this.sweep);
    this.watches.clear();
    for (const id of [...this.follows.keys()]) this.stop(id);
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, w] of this.watches) if (w.expiresAt < now) this.watches.delete(id);
    const wanted = new Set([...this.watches.values()].map((w) => w.hostId));
    for (const hostId of [...this.follows.keys()]) if (!wanted.has(hostId)) this.stop(hostId);
  }

  private stop(hostId: number): void {
    const f = this.follows.get(hostId);
    if (!f) return;
    this.follows.delete(hostId);
    if (f.retryTimer) clearTimeout(f.retryTimer);
    f.stream?.close();
  }

  private async open(hostId: number): Promise<void> {
    const f = this.follows.get(hostId);
    if (!f) return;
    f.retryTimer = null;
    try {
      const stream = await this.deps.openStream(hostId, eventFollowCommand(this.deps.uriOf(hostId)));
      if (this.follows.get(hostId) !== f) return stream.close();
      f.stream = stream;
      let buffered = '';
      const decoder = new TextDecoder();
      stream.onData((chunk) => {
        f.failures = 0;
        buffered += decoder.decode(chunk, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const e = parseEventLine(line);
          if (e)
            this.deps.events.emit('virt.domainEvent', { hypervisorId: hostId, ...e, at: new Date().toISOString() });
        }
      });
      stream.onEnd(() => this.retry(hostId, f, 'the event stream ended'));
    } catch (error) {
      this.retry(hostId, f, error instanceof Error ? error.message : String(error));
    }
  }

  private retry(hostId: number, f: Follow, why: string): void {
    if (this.follows.get(hostId) !== f) return;
    f.stream = null;
    f.failures++;
    const delay = Math.min(this.retryBaseMs * 2 ** (f.failures - 1), MAX_RETRY_MS);
    this.deps.log.warn('virt events: reconnecting', { hostId, why, delayMs: delay });
    f.retryTimer = setTimeout(() => void this.open(hostId), delay);
  }
}
