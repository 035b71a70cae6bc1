import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../common/contract';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { waitFor } from '../../testing/redfishTestLab';
import { runCliCaptured } from '../../testing/runCliCaptured';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { inQuietHours } from './alerts/alertEngine';
import { notifyAlertsOnDesktop } from './alerts/desktopNotifier';

// Alerts from real samples and a real sshd going down: pending → firing (desktop notification) → acknowledged →
// resolved, every transition in the audit log.
let lab: LabSsh;
let labDir: string;
let s: AppServices;
let hostId: number;
const shown: { title: string; body: string }[] = [];
const events: EventPayload<'metrics.alert'>[] = [];

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-alerts-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  hostId = addSshHost(s, 'alerthost', '127.0.0.1', lab.sshd.port, {
    user: lab.user,
    identityFile: lab.keys.ed25519,
  }).id;
  await trustPresentedKey(s, hostId);
  // Only the rules under test: the defaults (5–10 minutes) would not fire within a test anyway.
  for (const rule of s.metrics.alerts.rules()) s.metrics.alerts.deleteRule(rule.id, 'cli');
  notifyAlertsOnDesktop(s.events, (o) => ({ show: () => shown.push(o) }));
  s.events.subscribe((e) => {
    if (e.name === 'metrics.alert') events.push(e.payload as EventPayload<'metrics.alert'>);
  });
  s.metrics.start();
  s.metrics.watch([hostId], 1);
}, 30_000);

afterAll(async () => {
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await s.dispatch(name, input, { door: 'ws' });
  if (!r.ok) throw new Error(r.message);
  return r.value as T;
};

describe('alerts', () => {
  it('fires on a threshold averaged over its time, notifies, is acknowledged and resolves', async () => {
    const rule = await call<{ id: number }>('metrics.saveAlertRule', {
      name: 'Memory in use',
      kind: 'threshold',
      metric: 'mem.percent',
      op: 'above',
      threshold: 0,
      forSec: 2,
      scope: { hostIds: [hostId], clusters: [], tags: [] },
      quietHours: null,
      enabled: true,
    });
    const firing = await waitFor(
      () => events.find((e) => e.ruleId === rule.id && e.state === 'firing'),
      (e) => e !== undefined,
      20_000,
    );
    const pending = events.find((e) => e.ruleId === rule.id && e.state === 'pending')!;
    expect(pending).toBeDefined();
    // Fired only once the condition had held for the rule's 2 s.
    expect(Date.parse(firing!.firedAt!) - Date.parse(pending.startedAt)).toBeGreaterThanOrEqual(2000);
    expect(firing!.notify).toBe(true);
    expect(shown).toContainEqual({
      title: 'Memory in use: alerthost',
      body: expect.stringMatching(/averaged over 2 s/),
    });

    const listed = await call<{ alerts: { id: number; state: string }[]; unacknowledged: number }>(
      'metrics.alerts',
      {},
    );
    expect(listed.alerts[0]).toMatchObject({ id: firing!.id, state: 'firing' });
    expect(listed.unacknowledged).toBe(1);
    const acked = await call<{ acknowledgedAt: string }>('metrics.acknowledgeAlert', { id: firing!.id });
    expect(acked.acknowledgedAt).toBeTruthy();
    expect((await call<{ unacknowledged: number }>('metrics.alerts', {})).unacknowledged).toBe(0);

    await call('metrics.saveAlertRule', { id: rule.id, threshold: 101 });
    await waitFor(
      () => events.find((e) => e.id === firing!.id && e.state === 'resolved'),
      (e) => e !== undefined,
      20_000,
    );
    const audit = s.audit.list({ limit: 100, target: 'alerthost' }).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'metrics.alert.pending',
        'metrics.alert.firing',
        'metrics.acknowledgeAlert',
        'metrics.alert.resolved',
      ]),
    );
    await call('metrics.deleteAlertRule', { id: rule.id });
  }, 60_000);

  it('fires when the host is unreachable long enough and resolves when it is back', async () => {
    const rule = await call<{ id: number }>('metrics.saveAlertRule', {
      name: 'Down',
      kind: 'unreachable',
      forSec: 1,
    });
    await lab.sshd.stop({ sessions: true });
    const firing = await waitFor(
      () => events.find((e) => e.ruleId === rule.id && e.state === 'firing'),
      (e) => e !== undefined,
      30_000,
    );
    expect(firing?.hostName).toBe('alerthost');
    expect(firing?.message).toMatch(/unreachable since/);

    // While down, `labvisor alerts` in another process lists it.
    s.metrics.store.flush();
    const cli = await runCliCaptured(s.options.dataDir, ['alerts', '--json']);
    expect(cli.code, cli.err).toBe(0);
    expect(JSON.parse(cli.out).alerts[0]).toMatchObject({ id: firing!.id, state: 'firing', ruleName: 'Down' });

    await lab.sshd.start();
    await waitFor(
      () => events.find((e) => e.id === firing!.id && e.state === 'resolved'),
      (e) => e !== undefined,
      30_000,
    );
  }, 90_000);

  it('records but does not notify an alert during the quiet hours set from the CLI', async () => {
    const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    const window = `${hhmm(new Date(Date.now() - 3600_000))}-${hhmm(new Date(Date.now() + 3600_000))}`;
    // Another process (the CLI) sets them; this one reads them when the alert fires.
    const quiet = await runCliCaptured(s.options.dataDir, ['alerts', 'quiet', window]);
    expect(quiet.code, quiet.err).toBe(0);
    const shownBefore = shown.length;
    const rule = await call<{ id: number }>('metrics.saveAlertRule', {
      name: 'Quiet memory',
      kind: 'threshold',
      metric: 'mem.percent',
      op: 'above',
      threshold: 0,
      forSec: 0,
      scope: { hostIds: [hostId] },
    });
    const firing = await waitFor(
      () => events.find((e) => e.ruleId === rule.id && e.state === 'firing'),
      (e) => e !== undefined,
      20_000,
    );
    expect(firing!.notify).toBe(false);
    expect(shown.length).toBe(shownBefore);
    const listed = await call<{ alerts: { id: number; state: string }[] }>('metrics.alerts', {});
    expect(listed.alerts).toContainEqual(expect.objectContaining({ id: firing!.id, state: 'firing' }));
    expect(s.audit.list({ limit: 50 }).map((e) => e.action)).toContain('metrics.setSettings');

    // Outside the quiet hours the next alert notifies again.
    expect((await runCliCaptured(s.options.dataDir, ['alerts', 'quiet', 'off'])).code).toBe(0);
    await call('metrics.deleteAlertRule', { id: rule.id });
    const loud = await call<{ id: number }>('metrics.saveAlertRule', {
      name: 'Loud memory',
      kind: 'threshold',
      metric: 'mem.percent',
      op: 'above',
      threshold: 0,
      forSec: 0,
      scope: { hostIds: [hostId] },
    });
    const fired = await waitFor(
      () => events.find((e) => e.ruleId === loud.id && e.state === 'firing'),
      (e) => e !== undefined,
      20_000,
    );
    expect(fired!.notify).toBe(true);
    expect(shown.at(-1)?.title).toBe('Loud memory: alerthost');
    await call('metrics.deleteAlertRule', { id: loud.id });
  }, 60_000);

  it('keeps quiet hours, across midnight too', () => {
    const at = (h: number, m = 0) => new Date(2026, 0, 1, h, m);
    expect(inQuietHours({ from: '22:00', to: '07:00' }, at(23))).toBe(true);
    expect(inQuietHours({ from: '22:00', to: '07:00' }, at(6, 59))).toBe(true);
    expect(inQuietHours({ from: '22:00', to: '07:00' }, at(7))).toBe(false);
    expect(inQuietHours({ from: '12:00', to: '13:00' }, at(12, 30))).toBe(true);
    expect(inQuietHours(null, at(12))).toBe(false);
  });
});
