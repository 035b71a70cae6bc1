import { z } from 'zod';
import { PowerSequence, type PowerSequenceFields } from '../../../common/contract/power';
import { AppError } from '../../../common/result';
import type { Db } from '../../platform/db';

const KEY = 'power.sequences';
const Stored = z.array(PowerSequence);

/** Saved power sequences: a handful per lab, kept as one JSON value in the settings table. */
export class SequenceStore {
  constructor(private readonly db: Db) {}

  list(cluster?: string): PowerSequence[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    const all = row ? Stored.parse(JSON.parse(row.value)) : [];
    return cluster === undefined ? all : all.filter((s) => s.cluster?.toLowerCase() === cluster.toLowerCase());
  }

  get(id: number): PowerSequence {
    const found = this.list().find((s) => s.id === id);
    if (!found) throw new AppError('not_found', `power sequence #${id} does not exist`);
    return found;
  }

  save(fields: z.output<typeof PowerSequenceFields> & { id?: number | undefined }): {
    before: PowerSequence | null;
    after: PowerSequence;
  } {
    return this.db.transaction(() => {
      const all = this.list();
      const clash = all.find((s) => s.name.toLowerCase() === fields.name.toLowerCase() && s.id !== fields.id);
      if (clash) throw new AppError('conflict', `a power sequence named ${fields.name} already exists`);
      const before = fields.id === undefined ? null : (all.find((s) => s.id === fields.id) ?? null);
      if (fields.id !== undefined && !before)
        throw new AppError('not_found', `power sequence #${fields.id} does not exist`);
      const id = fields.id ?? Math.max(0, ...all.map((s) => s.id)) + 1;
      const after: PowerSequence = { ...fields, id, updatedAt: new Date().toISOString() };
      this.write([...all.filter((s) => s.id !== id), after].sort((a, b) => a.id - b.id));
      return { before, after };
    })();
  }

  delete(id: number): PowerSequence | null {
    const all = this.list();
    const found = all.find((s) => s.id === id) ?? null;
    if (found) this.write(all.filter((s) => s.id !== id));
    return found;
  }

  private write(all: PowerSequence[]): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(all));
  }
}
