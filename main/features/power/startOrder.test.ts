import { describe, expect, it } from 'vitest';
import type { HostStartup } from '../../../common/contract/power';
import { HostFields, type Host } from '../../../common/domain/host';
import { orderGroups } from './startOrder';

const host = (id: number): Host => ({ ...HostFields.parse({ name: `h${id}` }), id }) as Host;
const hosts = [1, 2, 3, 4, 5].map(host);
const startup: HostStartup[] = [
  { hostId: 1, hostName: 'h1', order: 2, upDelaySec: 5, downDelaySec: 1 },
  { hostId: 2, hostName: 'h2', order: 1, upDelaySec: 3, downDelaySec: 7 },
  { hostId: 3, hostName: 'h3', order: 2, upDelaySec: 9, downDelaySec: 0 },
  // Delays without an order mean nothing: Proxmox starts unordered guests last, without waiting.
  { hostId: 4, hostName: 'h4', order: null, upDelaySec: 30, downDelaySec: 30 },
];
const shape = (action: Parameters<typeof orderGroups>[2]) =>
  orderGroups(hosts, startup, action).map((g) => [g.hosts.map((h) => h.id), g.pauseSec]);

describe('start order groups', () => {
  it('powers on lowest order first, equal orders together, unordered last, pausing the longest up delay', () => {
    expect(shape('on')).toEqual([
      [[2], 3],
      [[1, 3], 9],
      [[4, 5], 0],
    ]);
    expect(shape('cycle')).toEqual(shape('on'));
  });

  it('powers off in exactly the reverse order with the down delays', () => {
    expect(shape('soft')).toEqual([
      [[4, 5], 0],
      [[1, 3], 1],
      [[2], 0],
    ]);
  });

  it('keeps hosts without any start order in one group', () => {
    expect(orderGroups(hosts, [], 'on').map((g) => g.hosts.length)).toEqual([5]);
  });
});
