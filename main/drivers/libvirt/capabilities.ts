import type { NumaCell } from '../../../common/domain/virt';
import { child, children, parseXml, XmlError } from './xml';

const KIB_PER = { b: 1 / 1024, bytes: 1 / 1024, kib: 1, k: 1, mib: 1024, m: 1024, gib: 1024 ** 2, g: 1024 ** 2 };

/**
 * The NUMA cells of `virsh capabilities` (`<host><topology><cells><cell id><memory unit><cpus><cpu id>`), with
 * each cell's free memory from `virsh freecell --all` (`  0:    6805708 KiB`). Throws XmlError on a document that
 * is not capabilities; a cell with an unreadable id or CPU is dropped rather than guessed.
 */
export function parseNumaCells(capabilitiesXml: string, freecell: string): NumaCell[] {
  const caps = parseXml(capabilitiesXml);
  if (caps.name !== 'capabilities') throw new XmlError(`expected <capabilities>, got <${caps.name}>`);
  const free = new Map<number, number>();
  for (const m of freecell.matchAll(/^\s*(\d+):\s+(\d+)\s*KiB\s*$/gm)) free.set(Number(m[1]), Number(m[2]) / 1024);
  const cells = children(child(child(child(caps, 'host'), 'topology'), 'cells'), 'cell');
  return cells.flatMap((cell): NumaCell[] => {
    const id = whole(cell.attrs.id);
    if (id === null) return [];
    const memory = child(cell, 'memory');
    const unit = (memory?.attrs.unit ?? 'KiB').toLowerCase() as keyof typeof KIB_PER;
    const kib = Number(memory?.text.trim() ?? NaN) * (KIB_PER[unit] ?? NaN);
    const cpus = children(child(cell, 'cpus'), 'cpu').map((c) => whole(c.attrs.id));
    if (cpus.some((c) => c === null)) return [];
    return [
      {
        id,
        cpus: (cpus as number[]).sort((a, b) => a - b),
        memoryMiB: Number.isFinite(kib) ? Math.round((kib / 1024) * 100) / 100 : 0,
        freeMiB: free.has(id) ? Math.round(free.get(id)! * 100) / 100 : null,
      },
    ];
  });
}

function whole(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : null;
}
