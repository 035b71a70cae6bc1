import type {
  DomainDisk,
  DomainGraphics,
  DomainInfo,
  DomainNic,
  DomainSerial,
  DomainSnapshot,
} from '../../../common/domain/virt';
import { child, children, childText, parseXml, XmlError, type XmlElement } from './xml';

/** What a domain's XML says; state, autostart and persistence come from other virsh commands. */
export type DomainXmlFacts = Omit<DomainInfo, 'state' | 'reason' | 'autostart' | 'persistent' | 'addresses'>;

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
};

/** libvirt memory elements default to KiB. */
function mib(el: XmlElement | undefined): number {
  if (!el) return 0;
  const value = Number(el.text.trim());
  const unit = UNIT_BYTES[(el.attrs.unit ?? 'KiB').toLowerCase()];
  if (!Number.isFinite(value) || unit === undefined) throw new XmlError(`unreadable memory value '${el.text}'`);
  return (value * unit) / 1024 ** 2;
}

function int(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return null;
  return Number(value);
}

function diskSource(source: XmlElement | undefined): string | null {
  if (!source) return null;
  const a = source.attrs;
  if (a.file ?? a.dev ?? a.dir) return a.file ?? a.dev ?? a.dir!;
  if (a.pool && a.volume) return `${a.pool}/${a.volume}`;
  if (a.protocol) return `${a.protocol}:${a.name ?? ''}`;
  return null;
}

function disks(devices: XmlElement | undefined): DomainDisk[] {
  return children(devices, 'disk').map((d) => ({
    target: child(d, 'target')?.attrs.dev ?? '',
    device: d.attrs.device ?? 'disk',
    bus: child(d, 'target')?.attrs.bus ?? null,
    source: diskSource(child(d, 'source')),
    format: child(d, 'driver')?.attrs.type ?? null,
    capacityBytes: null,
  }));
}

function nics(devices: XmlElement | undefined): DomainNic[] {
  return children(devices, 'interface').map((n) => {
    const source = child(n, 'source')?.attrs;
    return {
      mac: child(n, 'mac')?.attrs.address?.toLowerCase() ?? null,
      type: n.attrs.type ?? 'unknown',
      source: source ? (source.network ?? source.bridge ?? source.dev ?? null) : null,
      model: child(n, 'model')?.attrs.type ?? null,
      target: child(n, 'target')?.attrs.dev ?? null,
    };
  });
}

function graphics(devices: XmlElement | undefined): DomainGraphics[] {
  return children(devices, 'graphics').map((g) => {
    const port = int(g.attrs.port);
    return {
      type: g.attrs.type ?? 'unknown',
      // libvirt writes port -1 for autoport while the domain is not running.
      port: port !== null && port > 0 ? port : null,
      listen: g.attrs.listen ?? child(g, 'listen')?.attrs.address ?? null,
      // Presence only: the value is never copied out of the parsed document.
      passwordSet: g.attrs.passwd !== undefined,
    };
  });
}

function serials(devices: XmlElement | undefined): DomainSerial[] {
  return (['serial', 'console'] as const).flatMap((kind) =>
    children(devices, kind).map((s) => {
      const source = child(s, 'source')?.attrs;
      const tcp = source?.host && source.service ? `${source.host}:${source.service}` : null;
      return {
        kind,
        type: s.attrs.type ?? 'unknown',
        source: s.attrs.tty ?? source?.path ?? tcp ?? null,
        port: int(child(s, 'target')?.attrs.port),
      };
    }),
  );
}

/** Reads `virsh dumpxml` output; throws XmlError on a document that is not a domain. */
export function parseDomainXml(xml: string): DomainXmlFacts {
  const domain = parseXml(xml);
  if (domain.name !== 'domain') throw new XmlError(`expected <domain>, got <${domain.name}>`);
  const name = childText(domain, 'name');
  const uuid = childText(domain, 'uuid');
  if (!name || !uuid) throw new XmlError('a domain without a name or UUID');
  const vcpu = child(domain, 'vcpu');
  const cputune = child(domain, 'cputune');
  const numaMemory = child(child(domain, 'numatune'), 'memory');
  const devices = child(domain, 'devices');
  const memoryMiB = mib(child(domain, 'memory'));
  const current = child(domain, 'currentMemory');
  return {
    name,
    uuid: uuid.toLowerCase(),
    vcpus: int(vcpu?.attrs.current) ?? int(vcpu?.text) ?? 0,
    memoryMiB,
    currentMemoryMiB: current ? mib(current) : memoryMiB,
    pinning: {
      vcpupin: children(cputune, 'vcpupin').map((p) => ({
        vcpu: int(p.attrs.vcpu) ?? 0,
        cpuset: p.attrs.cpuset ?? '',
      })),
      emulatorpin: child(cputune, 'emulatorpin')?.attrs.cpuset ?? null,
      numaMode: numaMemory?.attrs.mode ?? null,
      numaNodeset: numaMemory?.attrs.nodeset ?? null,
      vcpuCpuset: vcpu?.attrs.cpuset ?? null,
    },
    disks: disks(devices),
    nics: nics(devices),
    graphics: graphics(devices),
    serials: serials(devices),
  };
}

/** Reads `virsh snapshot-dumpxml`. */
export function parseSnapshotXml(xml: string, current: boolean): DomainSnapshot {
  const snap = parseXml(xml);
  if (snap.name !== 'domainsnapshot') throw new XmlError(`expected <domainsnapshot>, got <${snap.name}>`);
  const name = childText(snap, 'name');
  if (!name) throw new XmlError('a snapshot without a name');
  const created = Number(childText(snap, 'creationTime'));
  // The snapshot's own <memory snapshot=…> and <disks><disk snapshot=…> (not the embedded domain's <memory>).
  const memory = child(snap, 'memory')?.attrs.snapshot;
  const external = children(child(snap, 'disks'), 'disk').some((d) => d.attrs.snapshot === 'external');
  return {
    name,
    kind: memory === 'external' ? 'external' : external ? 'disk-only' : 'internal',
    description: childText(snap, 'description') ?? '',
    createdAt: Number.isFinite(created) && created > 0 ? new Date(created * 1000).toISOString() : null,
    state: childText(snap, 'state'),
    parent: childText(snap, 'parent', 'name'),
    current,
  };
}

/** Expands a libvirt cpuset (`0-3,8,^2`) into CPU numbers; null when it cannot be read. */
export function expandCpuset(cpuset: string): number[] | null {
  const on = new Set<number>();
  const off = new Set<number>();
  for (const part of cpuset.split(',').map((p) => p.trim())) {
    const m = /^(\^?)(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const [from, to] = [Number(m[2]), Number(m[3] ?? m[2])];
    if (to < from || to - from > 65_536) return null;
    for (let c = from; c <= to; c++) (m[1] ? off : on).add(c);
  }
  return [...on].filter((c) => !off.has(c)).sort((a, b) => a - b);
}
