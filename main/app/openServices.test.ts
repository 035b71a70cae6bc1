import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from './services';
import { openServices } from './openServices';

let open: { services: AppServices; dir: string } | null = null;
afterEach(async () => {
  if (!open) return;
  await open.services.close();
  rmSync(open.dir, { recursive: true, force: true });
  open = null;
});

function lazyServices(): AppServices {
  const dir = mkdtempSync(join(tmpdir(), 'labvisor-open-'));
  open = { services: openServices({ dataDir: dir }), dir };
  return open.services;
}

describe('services opened for a door (machine features on first use)', () => {
  it('answers inventory commands without building the machine features', async () => {
    const s = lazyServices();
    expect(await s.dispatch('inventory.listHosts', {}, { door: 'cli' })).toMatchObject({ ok: true, value: [] });
    expect(await s.dispatch('app.info', {}, { door: 'cli' })).toMatchObject({ ok: true, value: { door: 'cli' } });
    expect(() => s.power).toThrow(/not loaded yet/);
    expect(() => s.metrics).toThrow(/not loaded yet/);
  });

  it('still parses a machine command’s input at the door, before anything of the feature is built', async () => {
    const s = lazyServices();
    const bad = await s.dispatch('power.status', { targets: 'all of them', concurrency: -1 }, { door: 'ws' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(() => s.ssh).toThrow(/not loaded yet/);
  });

  it('builds the machine features with the first command that needs one, once, for every caller', async () => {
    const s = lazyServices();
    const host = await s.dispatch(
      'inventory.addHost',
      { name: 'pi', addresses: [{ label: 'management', address: '127.0.0.1' }] },
      { door: 'cli' },
    );
    expect(host).toMatchObject({ ok: true });
    const [keys, again] = await Promise.all([s.dispatch('ssh.listHostKeys', {}, { door: 'cli' }), s.loadMachines()]);
    expect(keys).toMatchObject({ ok: true });
    expect(s.ssh).toBe(again.ssh);
    expect(await s.loadMachines()).toBe(again);
    expect(typeof s.metrics.prometheus()).toBe('string');
  });

  it('closes whether or not the machine features were built', async () => {
    const s = lazyServices();
    await s.close();
    expect(await s.dispatch('inventory.listHosts', {}, { door: 'cli' })).toMatchObject({ ok: false });
    open = null;
  });
});
