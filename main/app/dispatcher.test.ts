import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempServices } from '../testing/tempServices';
import { createServices } from './services';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function services(opts: Parameters<typeof tempServices>[0] = {}) {
  const s = tempServices(opts);
  cleanup = s.cleanup;
  return s;
}

describe('dispatcher', () => {
  it('refuses unknown commands and invalid input with codes, before any handler runs', async () => {
    const s = services();
    expect(await s.dispatch('inventory.dropTables', {}, { door: 'ws' })).toMatchObject({
      ok: false,
      code: 'unknown_command',
    });
    expect(await s.dispatch('__proto__', {}, { door: 'ws' })).toMatchObject({ ok: false, code: 'unknown_command' });
    const bad = await s.dispatch('inventory.addHost', { name: '', cpus: 'lots' }, { door: 'ws' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(s.inventory.list()).toHaveLength(0);
  });

  it('runs handlers and returns their value; domain errors keep their code and are audited', async () => {
    const s = services();
    const added = await s.dispatch('inventory.addHost', { name: 'zcloud' }, { door: 'cli' });
    expect(added).toMatchObject({ ok: true, value: { name: 'zcloud', kind: 'physical', layer: 0 } });
    const dup = await s.dispatch('inventory.addHost', { name: 'ZCLOUD' }, { door: 'ws' });
    expect(dup).toMatchObject({ ok: false, code: 'conflict' });
    const log = s.audit.list({ limit: 10 });
    expect(log.map((e) => [e.door, e.action, e.result])).toEqual([
      ['ws', 'inventory.addHost', 'error'],
      ['cli', 'inventory.addHost', 'ok'],
    ]);
  });

  it('refuses every mutation in read-only mode but still answers queries', async () => {
    // Read-only opens an existing database and creates none: make one first.
    const writer = services();
    await writer.close();
    const s = createServices({ dataDir: writer.options.dataDir, readOnly: true });
    const removeDir = cleanup;
    cleanup = async () => {
      await s.close();
      await removeDir?.();
    };
    expect(await s.dispatch('inventory.addHost', { name: 'x' }, { door: 'ipc' })).toMatchObject({
      ok: false,
      code: 'read_only',
    });
    expect(await s.dispatch('inventory.listHosts', {}, { door: 'ipc' })).toEqual({ ok: true, value: [] });
  });
});

describe('dispatcher shutdown', () => {
  it('lets running calls finish before the database closes, and refuses new ones', async () => {
    const s = tempServices();
    const running = s.dispatch('inventory.addHost', { name: 'in-flight' }, { door: 'ws' });
    const closing = s.close();
    expect(await s.dispatch('inventory.listHosts', {}, { door: 'ws' })).toMatchObject({
      ok: false,
      code: 'unreachable',
    });
    expect(await running).toMatchObject({ ok: true });
    await closing;
    rmSync(s.options.dataDir, { recursive: true, force: true });
  });
});
