import { DOMAIN_STATES, type DomainState, type NodeInfo } from '../../../common/domain/virt';

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

export function parseNodeInfo(text: string): NodeInfo {
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
