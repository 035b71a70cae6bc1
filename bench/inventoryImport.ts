import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ImportPreview } from '../common/contract/inventory';
import { createServices } from '../main/app/services';
import { generateLabSheet } from '../e2e/fixtures/generateSheet';
import { median, round, timeRuns } from './stats';

const ROWS = 10_000;
const RUNS = 3;

/**
 * Import of a 10,000-row lab sheet through the real dispatcher (preview + all-or-nothing commit into a fresh
 * SQLite file) against the floor: the same rows inserted with one prepared statement in one transaction.
 */
export async function run() {
  const sheet = generateLabSheet(ROWS);
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'labvisor-bench-'));
    dirs.push(d);
    return d;
  };

  const previewMs: number[] = [];
  const labvisor = await timeRuns(RUNS, async () => {
    const services = createServices({ dataDir: fresh() });
    const t = performance.now();
    const preview = await services.dispatch(
      'inventory.previewImport',
      { text: sheet, fileName: 'lab.csv', pageSize: ROWS },
      { door: 'cli' },
    );
    if (!preview.ok) throw new Error(preview.message);
    previewMs.push(performance.now() - t);
    const { rows, links } = preview.value as ImportPreview;
    const linked = new Set(links.map((l) => l.bmcLine));
    const commit = await services.dispatch(
      'inventory.commitImport',
      { rows: rows.filter((r) => r.action !== 'error' && !linked.has(r.line)), links },
      { door: 'cli' },
    );
    if (!commit.ok) throw new Error(commit.message);
    await services.close();
  });

  const lines = sheet.trim().split(/\r?\n/).slice(1);
  const floor = await timeRuns(RUNS, () => {
    const db = new Database(join(fresh(), 'floor.db'));
    db.pragma('journal_mode = WAL');
    db.exec(
      'CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT UNIQUE, layer INT, address TEXT, cpus REAL, memory REAL, disk TEXT, numa TEXT, notes TEXT)',
    );
    const insert = db.prepare(
      'INSERT OR IGNORE INTO hosts (name, layer, address, cpus, memory, disk, numa, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (const line of lines) {
        const [layer, address, name, cpus, memory, disk, numa, notes] = line.split(',');
        insert.run(name, Number(layer), address, Number(cpus) || null, Number(memory) || null, disk, numa, notes);
      }
    })();
    db.close();
  });
  for (const d of dirs) rmSync(d, { recursive: true, force: true });

  const lab = median(labvisor);
  const base = median(floor);
  return {
    rows: ROWS,
    runs: RUNS,
    labvisorImportMs: round(lab),
    labvisorPreviewMs: round(median(previewMs)),
    rawSqliteInsertMs: round(base),
    ratioVsRawInsert: round(lab / base),
    note: 'labvisor = parse + validate + preview + commit through the dispatcher; raw = split lines and insert only',
  };
}
