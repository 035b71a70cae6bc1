import { createHash } from 'node:crypto';
import type { Host } from '../../../common/domain/host';
import { redfishClientFor, type RedfishDeps } from './redfishEndpoint';
import type { RedfishClient } from './redfishClient';

/**
 * One Redfish client (so one session) per BMC for as long as the app runs: a health watch polls every 30 s, and a
 * login per poll (iLO keeps only a few sessions, and logins are its slowest requests) would cost more than the
 * reading. A host whose BMC address, port, user, password, jump host or pinned certificate changed gets a new
 * client; the old one logs out. `close` logs every session out (at shutdown).
 */
export class RedfishSessions {
  private readonly clients = new Map<number, { key: string; client: RedfishClient; pinned: string | null }>();

  constructor(private readonly deps: RedfishDeps) {}

  clientFor(host: Host): RedfishClient {
    const key = this.keyOf(host);
    const known = this.clients.get(host.id);
    if (known?.key === key) return known.client;
    if (known) void known.client.close();
    const client = redfishClientFor(host, this.deps);
    this.clients.set(host.id, { key, client, pinned: this.pinOf(host.id) });
    return client;
  }

  /**
   * Ends the host's kept session and closes its connections: its certificate was trusted anew or replaced, or the
   * host was deleted. The logout goes to a BMC the current pin accepts or, when the host has no pin any more (it
   * was deleted), to one presenting the certificate the session was made over; otherwise the session is dropped.
   */
  async forget(hostId: number): Promise<void> {
    const known = this.clients.get(hostId);
    if (!known) return;
    this.clients.delete(hostId);
    await known.client.close(this.pinOf(hostId) === null ? (known.pinned ?? undefined) : undefined);
  }

  async close(): Promise<void> {
    const open = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(open.map(({ client }) => client.close()));
  }

  /** What the session depends on; the password only as a digest, never kept in clear beside the client. */
  private keyOf(host: Host): string {
    const bmc = host.bmc;
    const password = this.deps.vault.get({ hostId: host.id, purpose: 'bmc-password' }) ?? '';
    const digest = createHash('sha256').update(password).digest('hex');
    return JSON.stringify([
      bmc?.type,
      bmc?.address,
      bmc?.port,
      bmc?.user,
      bmc?.jumpHostId,
      digest,
      this.pinOf(host.id),
    ]);
  }

  private pinOf(hostId: number): string | null {
    return this.deps.pins.get(hostId)?.fingerprint ?? null;
  }
}
