import type { SelEntry } from '../../../common/domain/bmc';

/** "Upper Critical going high", "Lower Non-critical - going low" (ipmitool, iLO and OpenBMC messages alike). */
export function goingOf(text: string): SelEntry['going'] {
  const m = /going[\s-]+(high|low)/i.exec(text) ?? /GoingHigh|GoingLow/.exec(text);
  if (!m) return null;
  return /high/i.test(m[1] ?? m[0]) ? 'high' : 'low';
}

/**
 * Parses `ipmitool sel elist`: `id | date | time | sensor | event | direction [| detail]`. A BMC whose clock was
 * never set prints `Pre-Init` and a raw timestamp instead of date and time.
 */
export function parseSelList(stdout: string): SelEntry[] {
  const entries: SelEntry[] = [];
  for (const line of stdout.split('\n')) {
    const f = line.split('|').map((c) => c.trim());
    if (f.length < 5 || !/^[0-9a-f]+$/i.test(f[0]!)) continue;
    const [id, date, time, sensor, event, direction, ...detail] = f;
    const dir = direction?.toLowerCase();
    entries.push({
      id: id!,
      date: date!,
      time: time!,
      sensor: sensor!,
      event: [event, ...detail].filter(Boolean).join(': '),
      direction: dir === 'asserted' || dir === 'deasserted' ? dir : null,
      going: goingOf(event ?? ''),
    });
  }
  return entries;
}
