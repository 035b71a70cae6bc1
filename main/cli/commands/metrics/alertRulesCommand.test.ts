import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../app/services';
import { runCliCaptured } from '../../../testing/runCliCaptured';
import { addSshHost, sshTestServices } from '../../../testing/sshTestServices';

// `labvisor alerts rules` and `alerts quiet` through the real CLI door and SQLite, on the data directory of a
// running set of services (as `serve` would hold it); every change is read back and found in the audit log.
let s: AppServices;
let webId: number;

beforeAll(() => {
  s = sshTestServices();
  webId = addSshHost(s, 'rule-web-01', '127.0.0.1', 1, {}, { cluster: 'lab-a', tags: ['web'] }).id;
});

afterAll(async () => {
  await s?.close();
});

const cli = (...args: string[]) => runCliCaptured(s.options.dataDir, args);
const rules = async () => JSON.parse((await cli('alerts', 'rules', '--json')).out) as Record<string, unknown>[];

describe('labvisor alerts rules', () => {
  it('lists the lab defaults', async () => {
    const list = await cli('alerts', 'rules');
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/Host unreachable\s+unreachable\s+300s\s+all hosts/);
    expect(list.out).toMatch(/CPU busy\s+cpu\.percent above 90\s+600s/);
    expect((await rules()).map((r) => r.kind)).toEqual([
      'unreachable',
      'threshold',
      'threshold',
      'threshold',
      'vmState',
      'bmc',
    ]);
  });

  it('creates a scoped rule and changes only what is given', async () => {
    const created = await cli(
      ...['alerts', 'rules', 'set', '--name', 'Load high', '--kind', 'threshold', '--metric', 'load.1'],
      ...['--above', '8', '--for', '10m', '--hosts', 'rule-web-01', '--clusters', 'lab-b', '--tags', 'db,web'],
      ...['--quiet', '22:00-07:00', '--json'],
    );
    expect(created.code, created.err).toBe(0);
    const rule = JSON.parse(created.out);
    expect(rule).toMatchObject({
      name: 'Load high',
      metric: 'load.1',
      op: 'above',
      threshold: 8,
      forSec: 600,
      scope: { hostIds: [webId], clusters: ['lab-b'], tags: ['db', 'web'] },
      quietHours: { from: '22:00', to: '07:00' },
      enabled: true,
    });

    const changed = await cli('alerts', 'rules', 'set', String(rule.id), '--below', '0.5', '--tags', '', '--disable');
    expect(changed.code, changed.err).toBe(0);
    expect((await rules()).find((r) => r.id === rule.id)).toEqual({
      ...rule,
      op: 'below',
      threshold: 0.5,
      scope: { hostIds: [webId], clusters: ['lab-b'], tags: [] },
      enabled: false,
    });
    const audit = s.audit.list({ limit: 20, target: 'Load high' });
    expect(audit.map((e) => e.action)).toEqual(['metrics.saveAlertRule', 'metrics.saveAlertRule']);
    expect(audit.every((e) => e.door === 'cli')).toBe(true);

    expect((await cli('alerts', 'rules', 'rm', String(rule.id))).code).toBe(0);
    expect((await rules()).some((r) => r.id === rule.id)).toBe(false);
    expect((await cli('alerts', 'rules', 'rm', String(rule.id))).code).toBe(3);
  });

  it('refuses hostile and malformed values with a clear error, changing nothing', async () => {
    const before = await rules();
    const cpu = String(before.find((r) => r.name === 'CPU busy')!.id);
    const refused: [string[], number, RegExp][] = [
      [['--above', 'abc'], 2, /threshold/],
      [['--above', '1e400'], 2, /threshold/],
      [['--above', '1', '--below', '2'], 2, /not both/],
      [['--for', 'forever'], 2, /forSec/],
      [['--for', '30d'], 2, /forSec/],
      [['--quiet', '25:00-07:00'], 2, /HH:MM/],
      [['--quiet', '07:00-07:00'], 2, /same time/],
      [['--quiet', '22:00'], 2, /HH:MM/],
      [['--name', 'bell\u0007'], 2, /control characters/],
      [['--name', '  '], 2, /name/],
      [['--metric', 'cpu.percent; rm -rf /'], 2, /metric name/],
      [['--tags', 'two words'], 2, /tag/],
      [['--clusters', 'a\u202eb'], 2, /control characters/],
      [['--hosts', 'no-such-host'], 3, /no host named/],
      [['--kind', 'reboot'], 2, /kind/],
      [[], 2, /nothing to change/],
    ];
    for (const [args, code, message] of refused) {
      const r = await cli('alerts', 'rules', 'set', cpu, ...args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(code);
      expect(r.err).toMatch(message);
    }
    const created = await cli('alerts', 'rules', 'set', '--name', 'No metric', '--kind', 'threshold');
    expect(created.code).toBe(2);
    expect(created.err).toMatch(/needs a metric/);
    expect((await cli('alerts', 'rules', 'set', 'x1', '--above', '5')).code).toBe(2);
    expect((await cli('alerts', 'rules', 'set', '999', '--above', '5')).code).toBe(3);
    expect((await cli('alerts', 'rules', 'frobnicate')).code).toBe(2);
    expect(await rules()).toEqual(before);
  });

  it('sets, shows and clears the quiet hours of every rule, audited', async () => {
    expect((await cli('alerts', 'quiet')).out).toBe('no quiet hours\n');
    const set = await cli('alerts', 'quiet', '23:30-06:15', '--json');
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toEqual({ quietHours: { from: '23:30', to: '06:15' } });
    expect((await cli('alerts', 'quiet')).out).toBe('quiet hours 23:30-06:15 (local time)\n');
    expect((await cli('alerts', 'quiet', '24:00-01:00')).code).toBe(2);
    expect(s.metrics.settings().quietHours).toEqual({ from: '23:30', to: '06:15' });
    expect((await cli('alerts', 'quiet', 'off')).out).toBe('no quiet hours\n');
    const audit = s.audit.list({ limit: 20 }).filter((e) => e.action === 'metrics.setSettings');
    expect(audit).toHaveLength(2);
    expect(audit.map((e) => (e.after as { quietHours: unknown }).quietHours)).toEqual(
      expect.arrayContaining([null, { from: '23:30', to: '06:15' }]),
    );
  });
});
