import { BMC_TYPES, BmcType, type HostKind } from '../../../../common/domain/host';

/** A cell that could not be read: the message names the column as the file does. */
export class CellError extends Error {}

const NUMBER = /^[+]?\d+(?:\.\d+)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function parseNumber(cell: string, column: string): number {
  const text = cell.trim();
  if (NUMBER.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replaceAll(',', ''));
  throw new CellError(`${column} "${cell}" is not a number`);
}

export function parseInteger(cell: string, column: string, min: number, max: number): number {
  const n = parseNumber(cell, column);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CellError(`${column} "${cell}" must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** `4`, `4c`, `4 cores`, `8 vCPU`, `4核`. */
export function parseCpus(cell: string, column: string): number {
  const bare = cell.trim().replace(/\s*(?:c|cores?|v?cpus?|核)$/i, '');
  if (!NUMBER.test(bare)) throw new CellError(`${column} "${cell}" is not a number`);
  return Number(bare);
}

/** Unit letter → GiB factor. Sheets write `64G`, `2T`, `2TB`, `512M`, `1.5TiB`. */
const UNIT_GIB: Record<string, number> = { K: 1 / 1024 / 1024, M: 1 / 1024, G: 1, T: 1024, P: 1024 * 1024 };
const SIZE = /^(\d+(?:\.\d+)?)\s*(?:([KMGTP])(?:i?B)?(?![a-z]))?\s*([A-Za-z][\w.]*)?$/i;

export interface Size {
  gib: number;
  /** Text after the number and unit (`SSD`, `NVMe`, `SD`). */
  media: string | null;
}

/** Reads `512SSD`, `1024NVMe`, `128 SD`, `2T`, `2TB`, `64G`, `500 GB HDD`; `unitGiB` is the header's unit. */
export function parseSize(cell: string, column: string, unitGiB = 1): Size {
  const text = cell.trim().replaceAll(',', '');
  const m = SIZE.exec(text);
  if (!m) throw new CellError(`${column} "${cell}" is not a size (like 64, 512SSD or 2T)`);
  const factor = m[2] ? UNIT_GIB[m[2].toUpperCase()]! : unitGiB;
  return { gib: round(Number(m[1]) * factor), media: m[3] ?? null };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

const KINDS: Record<string, HostKind> = {
  physical: 'physical',
  metal: 'physical',
  baremetal: 'physical',
  server: 'physical',
  物理机: 'physical',
  vm: 'vm',
  virtual: 'vm',
  virtualmachine: 'vm',
  kvm: 'vm',
  虚拟机: 'vm',
  container: 'container',
  lxc: 'container',
  docker: 'container',
  容器: 'container',
  device: 'device',
  bmc: 'device',
  switch: 'device',
  router: 'device',
  设备: 'device',
};

export function parseKind(cell: string, column: string): HostKind {
  const kind =
    KINDS[
      cell
        .trim()
        .toLowerCase()
        .replace(/[\s_-]/g, '')
    ];
  if (!kind) throw new CellError(`${column} "${cell}" is not a kind (physical, vm, container or device)`);
  return kind;
}

/** `0`, `1`, `L2`. */
export function parseLayer(cell: string, column: string): number {
  return parseInteger(cell.trim().replace(/^L/i, ''), column, 0, 9);
}

export function parseTags(cell: string): string[] {
  return [...new Set(cell.split(/[,;，；\s]+/).filter(Boolean))];
}

export function parseBmcType(cell: string, column: string): BmcType {
  const t = cell.trim().toLowerCase();
  const known = BmcType.safeParse(t);
  if (known.success) return known.data;
  if (t === 'ilo' || t === 'idrac') return 'redfish';
  throw new CellError(`${column} "${cell}" is not a BMC type (${BMC_TYPES.join(' or ')})`);
}
