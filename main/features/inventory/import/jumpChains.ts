import type { ImportDraft } from './importDraft';

/** `user@host:port` → `host`: how a jump spec names its host. */
export function bareHost(spec: string): string {
  return spec
    .trim()
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '');
}

/**
 * `ProxyJump a,b` means: reach b through a, then this host through b. Each hop's own jump is set from the
 * chain unless the hop states one itself.
 */
export function linkJumpChains(drafts: ImportDraft[]): void {
  const byName = new Map<string, ImportDraft>();
  for (const d of drafts) if (d.values.address && !byName.has(d.values.address)) byName.set(d.values.address, d);
  for (const d of drafts) if (d.name) byName.set(d.name.toLowerCase(), d);
  for (const draft of drafts) {
    const hops = draft.refs.jump
      ?.split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    if (!hops || hops.length < 2) continue;
    draft.refs.jump = hops.at(-1);
    for (let i = hops.length - 1; i > 0; i--) {
      const hop = byName.get(bareHost(hops[i]!).toLowerCase());
      if (!hop) {
        draft.errors.push(`line ${draft.line}: jump hop "${hops[i]}" is not a host in this file`);
        break;
      }
      if (!hop.refs.jump) hop.refs.jump = hops[i - 1];
      else if (bareHost(hop.refs.jump.split(',').at(-1)!) !== bareHost(hops[i - 1]!)) {
        draft.warnings.push(`line ${draft.line}: ${hops[i]} has its own jump host; that one is kept`);
      }
    }
  }
}
