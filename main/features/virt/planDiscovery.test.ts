import { describe, expect, it } from 'vitest';
import { HostFields, type Host, type HostFieldsInput } from '../../../common/domain/host';
import type { DomainAddress, DomainInfo } from '../../../common/domain/virt';
import { parseDomIfAddr } from '../../drivers/libvirt/virshText';
import { planDiscovery } from './planDiscovery';

let nextId = 1;
const host = (fields: HostFieldsInput): Host => ({ ...HostFields.parse(fields), id: nextId++ }) as Host;
const domain = (name: string, addresses: DomainAddress[]): DomainInfo => ({
  name,
  uuid: `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`,
  state: 'running',
  reason: null,
  vcpus: 1,
  memoryMiB: 512,
  currentMemoryMiB: 512,
  autostart: null,
  persistent: true,
  pinning: { vcpupin: [], emulatorpin: null, numaMode: null, numaNodeset: null, vcpuCpuset: null },
  disks: [],
  nics: [],
  graphics: [],
  serials: [],
  addresses,
});
const addr = (ip: string, source: DomainAddress['source']): DomainAddress => ({ mac: null, ip, prefix: 24, source });
const at = (address: string) => [{ label: 'management', address }];
const matchOf = (plan: ReturnType<typeof planDiscovery>, d: DomainInfo) => {
  const p = plan.domains.find((x) => x.uuid === d.uuid)!;
  return [p.matchedBy, p.hostName];
};

describe('matching by IP (the last resort after UUID, name and MAC)', () => {
  const hv = host({ name: 'hv' });

  it('ties a domain to the one host listing the IP its DHCP lease names, whatever that host is', () => {
    const d = domain('web', [addr('10.1.0.5', 'lease')]);
    const sheet = host({ name: 'web-from-sheet', addresses: at('10.1.0.5') });
    expect(matchOf(planDiscovery(hv, [d], [hv, sheet]), d)).toEqual(['ip', 'web-from-sheet']);
  });

  it('lets guest-reported IPs (ARP, agent) match only hosts already known as VMs', () => {
    const d = domain('db', [addr('10.1.0.6', 'arp'), addr('fd00::6', 'agent')]);
    const physical = host({ name: 'router', addresses: at('10.1.0.6') });
    expect(matchOf(planDiscovery(hv, [d], [hv, physical]), d)).toEqual([null, 'db']);
    const vm = host({ name: 'db-vm', kind: 'vm', addresses: at('FD00::6') });
    expect(matchOf(planDiscovery(hv, [d], [hv, physical, vm]), d)).toEqual(['ip', 'db-vm']);
  });

  it('matches nothing when two domains claim the IP or two hosts list it', () => {
    const a = domain('a', [addr('10.1.0.7', 'lease')]);
    const b = domain('b', [addr('10.1.0.7', 'arp')]);
    const h = host({ name: 'seven', kind: 'vm', addresses: at('10.1.0.7') });
    const plan = planDiscovery(hv, [a, b], [hv, h]);
    expect([matchOf(plan, a), matchOf(plan, b)]).toEqual([
      [null, 'a'],
      [null, 'b'],
    ]);
    const c = domain('c', [addr('10.1.0.8', 'lease')]);
    const twins = [host({ name: 'x1', addresses: at('10.1.0.8') }), host({ name: 'x2', addresses: at('10.1.0.8') })];
    expect(matchOf(planDiscovery(hv, [c], [hv, ...twins]), c)).toEqual([null, 'c']);
  });

  it('never lets an IP take a host that a name already matched', () => {
    const byName = domain('app', []);
    const byIp = domain('other', [addr('10.1.0.9', 'lease')]);
    const app = host({ name: 'app', addresses: at('10.1.0.9') });
    const plan = planDiscovery(hv, [byIp, byName], [hv, app]);
    expect([matchOf(plan, byName), matchOf(plan, byIp)]).toEqual([
      ['name', 'app'],
      [null, 'other'],
    ]);
  });
});

describe('virsh domifaddr output', () => {
  it('keeps valid rows and drops anything that is not an IP', () => {
    const text = [
      ' Name       MAC address          Protocol     Address',
      '-------------------------------------------------------------------------------',
      ' vnet0      52:54:00:AA:00:01    ipv4         192.168.122.3/24',
      ' vnet0      52:54:00:aa:00:01    ipv6         fd00::3/64',
      ' vnet1      52:54:00:aa:00:02    ipv4         $(id)/24',
      ' vnet1      52:54:00:aa:00:02    ipv4         999.1.1.1/24',
      ' vnet2      x;touch              ipv4         10.0.0.1/8',
      ' garbage',
    ].join('\n');
    expect(parseDomIfAddr(text, 'arp')).toEqual([
      { mac: '52:54:00:aa:00:01', ip: '192.168.122.3', prefix: 24, source: 'arp' },
      { mac: '52:54:00:aa:00:01', ip: 'fd00::3', prefix: 64, source: 'arp' },
      { mac: null, ip: '10.0.0.1', prefix: 8, source: 'arp' },
    ]);
  });
});
