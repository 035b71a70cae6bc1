import type { BmcSettings, Host } from '../../../../common/domain/host';
import type { ImportLink } from '../../../../common/contract/inventory';
import type { ImportDraft } from './importDraft';
import { isOutOfBand, OOB_NOTE, reachesOutOfBand } from './oobWords';

type BmcType = BmcSettings['type'];

/** The controller word in a BMC's name, wherever it stands: `dl360-ilo`, `ilo-dl360`. */
const OOB_TOKEN = /(?:^|[-_.])(ilo\d?|idrac\d?|bmc|ipmi|oob|imm|xcc|irmc)(?=$|[-_.\d])/i;

const typeFor = (text: string): BmcType => (/ilo|idrac|redfish/i.test(text) ? 'redfish' : 'ipmi');

/** A row describing a BMC: its name or notes say so, it is not a way in, and it has no hardware of its own. */
function isBmcRow(d: ImportDraft): boolean {
  if (!d.name || !d.values.address) return false;
  if (d.values.cpus != null || d.values.memoryGiB != null || d.values.bmcAddress != null) return false;
  return isOutOfBand(d.name, d.values.notes);
}

const reachesOob = (d: ImportDraft) => Boolean(d.name) && reachesOutOfBand(d.values.notes);

/** The model words a BMC row shares with its server: `dl360` from `dl360-ilo`, "HP DL360 Gen9" from its notes. */
function clues(d: ImportDraft): { stem: string | null; model: string } {
  const stem = d.name!.replace(OOB_TOKEN, '').replace(/[-_.]+$/, '');
  const model = (d.values.notes ?? '')
    .replace(OOB_NOTE, ' ')
    .replace(/管理|management|controller/gi, ' ')
    .trim();
  return { stem: stem.length >= 2 ? stem.toLowerCase() : null, model: squash(model) };
}

const squash = (s: string) => s.toLowerCase().replace(/[\s\-_]+/g, '');

interface Candidate {
  name: string;
  notes: string;
  /** The BMC address the host already has, if any: only that same BMC may be linked again. */
  bmcAddress: string | null;
}

/**
 * Proposes, for every BMC row, the one server it belongs to: the server's name starts with the BMC's name stem,
 * or the server's notes hold the model the BMC's notes name (the BMC's notes minus "带外管理"). A BMC row
 * matching no server, or several equally, gets no proposal (it stays a host of its own).
 */
export function proposeLinks(drafts: ImportDraft[], existing: readonly Host[], skip: Set<ImportDraft>): ImportLink[] {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const hostNames = new Set(existing.map((h) => h.name.toLowerCase()));
  // A BMC row already in the inventory as a host of its own stays one: linking it would leave both.
  const bmcRows = drafts.filter((d) => !skip.has(d) && isBmcRow(d) && !hostNames.has(d.name!.toLowerCase()));
  const bmcSet = new Set(bmcRows);
  for (const d of drafts) {
    if (!d.name || bmcSet.has(d) || skip.has(d) || reachesOob(d)) continue;
    seen.add(d.name.toLowerCase());
    candidates.push({ name: d.name, notes: d.values.notes ?? '', bmcAddress: d.values.bmcAddress ?? null });
  }
  for (const h of existing) {
    if (seen.has(h.name.toLowerCase())) continue;
    candidates.push({ name: h.name, notes: h.notes, bmcAddress: h.bmc?.address ?? null });
  }
  const ways = drafts.filter(reachesOob);
  const links: ImportLink[] = [];
  for (const bmc of bmcRows) {
    const { stem, model } = clues(bmc);
    const scored = candidates
      .filter((c) => c.bmcAddress === null || c.bmcAddress === bmc.values.address)
      .map((c) => {
        const reasons: string[] = [];
        if (stem && c.name.toLowerCase().startsWith(stem)) reasons.push(`name stem "${stem}"`);
        if (model.length >= 3 && squash(c.notes).includes(model)) reasons.push(`notes "${c.notes}"`);
        return { c, reasons };
      })
      .filter((s) => s.reasons.length > 0)
      .sort((a, b) => b.reasons.length - a.reasons.length);
    const best = scored[0];
    if (!best || (scored[1] && scored[1].reasons.length === best.reasons.length)) continue;
    const way =
      ways.find((w) => stem && squash(w.values.notes ?? '').includes(stem)) ??
      (ways.length === 1 ? ways[0] : undefined);
    links.push({
      bmcLine: bmc.line,
      bmcName: bmc.name!,
      hostName: best.c.name,
      bmc: {
        type: bmc.values.bmcType ?? typeFor(`${bmc.name} ${bmc.values.notes ?? ''}`),
        address: bmc.values.address!,
        port: bmc.values.bmcPort ?? null,
        user: bmc.values.bmcUser ?? bmc.values.sshUser ?? null,
        cipherSuite: 3,
      },
      jumpHostName: way?.name ?? null,
      reason: best.reasons.join(', '),
    });
  }
  return links;
}
