import { afterEach, describe, expect, it } from 'vitest';
import { HostFields } from '../../../common/domain/host';
import { tempServices } from '../../testing/tempServices';
import { runCliCaptured } from '../../testing/runCliCaptured';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function withEntries() {
  const s = tempServices();
  cleanup = s.cleanup;
  for (const name of ['a', 'b', 'c']) s.inventory.add(HostFields.parse({ name }), 'cli');
  s.inventory.update(s.inventory.find('b')!.id, { notes: 'edited' }, 'ws');
  return s;
}

/** What someone with write access to the file could do: remove the triggers, then rewrite history. */
function dropGuards(s: ReturnType<typeof tempServices>) {
  for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_replace'])
    s.db.exec(`DROP TRIGGER ${t}`);
}

describe('the audit hash chain', () => {
  it('verifies an untouched log, entry by entry', () => {
    const s = withEntries();
    expect(s.audit.verify()).toEqual({ ok: true, checked: 4, brokenAt: null });
  });

  it('detects an entry changed, removed or replaced behind Labvisor’s back', async () => {
    const s = withEntries();
    dropGuards(s);
    const ids = (s.db.prepare('SELECT id FROM audit_log ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    s.db.prepare("UPDATE audit_log SET door = 'ipc' WHERE id = ?").run(ids[1]);
    expect(s.audit.verify()).toMatchObject({ ok: false, brokenAt: ids[1] });
    const run = await runCliCaptured(s.options.dataDir, ['audit', '--verify']);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`entry #${ids[1]}`);

    s.db.prepare("UPDATE audit_log SET door = 'cli' WHERE id = ?").run(ids[1]);
    expect(s.audit.verify().ok).toBe(true);
    s.db.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[2]);
    expect(s.audit.verify()).toMatchObject({ ok: false, brokenAt: ids[3] });
  });

  it('entries are written in the same transaction as the change they record', () => {
    const s = withEntries();
    // If the audit entry cannot be written, the change it records does not happen either.
    s.db.exec("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END");
    expect(() => s.inventory.add(HostFields.parse({ name: 'd' }), 'cli')).toThrow(/audit down/);
    expect(() => s.inventory.update(s.inventory.find('a')!.id, { notes: 'lost?' }, 'cli')).toThrow(/audit down/);
    expect(() => s.inventory.remove([s.inventory.find('c')!.id], 'cli')).toThrow(/audit down/);
    expect(s.inventory.list().map((h) => [h.name, h.notes])).toEqual([
      ['a', ''],
      ['b', 'edited'],
      ['c', ''],
    ]);
  });
});
