import type { SelEntry } from '../../../common/domain/bmc';

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
    });
  }
  return entries;
}
