import type { HostStartup } from '../../../common/contract/power';
import type { Host } from '../../../common/domain/host';
import { TARGET_STATE, type PowerAction } from '../../../common/domain/power';

export interface OrderGroup {
  hosts: Host[];
  /** Pause after this group is done, before the next one starts (the longest delay of its hosts). */
  pauseSec: number;
}

/**
 * Splits hosts into groups run one after another, Proxmox-like: powering on, ascending start order (equal orders
 * together) then every host without an order; powering off, exactly the reverse. Up delays apply when powering
 * on, down delays when powering off; the last group has no pause.
 */
export function orderGroups(hosts: Host[], startup: HostStartup[], action: PowerAction): OrderGroup[] {
  const up = TARGET_STATE[action] === 'on';
  const byId = new Map(startup.map((s) => [s.hostId, s]));
  const orders = new Map<number | null, Host[]>();
  for (const host of hosts) {
    const order = byId.get(host.id)?.order ?? null;
    orders.set(order, [...(orders.get(order) ?? []), host]);
  }
  const keys = [...orders.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  if (!up) keys.reverse();
  return keys.map((key, i) => {
    const group = orders.get(key)!;
    const delays = group.map((h) => {
      const s = byId.get(h.id);
      return key === null || !s ? 0 : up ? s.upDelaySec : s.downDelaySec;
    });
    return { hosts: group, pauseSec: i === keys.length - 1 ? 0 : Math.max(0, ...delays) };
  });
}
