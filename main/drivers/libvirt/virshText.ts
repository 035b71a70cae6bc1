import { isIP } from 'node:net';
import { DOMAIN_STATES, type DomainAddress, type DomainState, type NodeInfo } from '../../../common/domain/virt';

/** `Key:   value` lines (dominfo, nodeinfo) as a map. */
export function keyValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) out.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return out;
}

/** `running (booted)` → state and reason. */
export function parseDomState(text: string): { state: DomainState; reason: string | null } {
  const m = /^\s*([a-z ]+?)\s*(?:\(([^)]*)\))?\s*$/m.exec(text.trim());
  const state = m?.[1] as DomainState | undefined;
  if (!state || !(DOMAIN_STATES as readonly string[]).includes(state)) return { state: 'unknown', reason: null };
  return { state, reason: m![2]?.trim() || null };
}

export function parseNodeInfo(text: string): Omit<NodeInfo, 'cells'> {
  const kv = keyValues(text);
  const kib = Number(/^(\d+)/.exec(kv.get('memory size') ?? '')?.[1] ?? NaN);
  return {
    cpus: Number(kv.get('cpu(s)') ?? 0) || 0,
    numaCells: Number(kv.get('numa cell(s)') ?? 1) || 1,
    memoryMiB: Number.isFinite(kib) ? kib / 1024 : 0,
    model: kv.get('cpu model') ?? null,
  };
}

export function yesNo(value: string | undefined, yes: string, no: string): boolean | null {
  return value === yes ? true : value === no ? false : null;
}

/** `domblkinfo --all`: target → capacity in bytes. */
export function parseBlkInfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+(\d+)\s+\d+\s+\d+\s*$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/**
 * `virsh domifaddr --full` rows (`vnet0  52:54:00:…  ipv4  192.168.122.5/24`) as addresses; a row whose address
 * is not an IP, or anything else the guest or host may have put there, is dropped.
 */
export function parseDomIfAddr(text: string, source: DomainAddress['source']): DomainAddress[] {
  const out: DomainAddress[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length !== 4 || !/^ipv[46]$/.test(cols[2]!)) continue;
    const [ip, prefixText] = cols[3]!.split('/') as [string, string | undefined];
    if (!isIP(ip)) continue;
    const prefix = prefixText !== undefined && /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : null;
    const mac = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(cols[1]!) ? cols[1]!.toLowerCase() : null;
    out.push({ mac, ip, prefix, source });
  }
  return out;
}
