import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { createServices } from '../../app/services';
import { runCliCaptured } from '../../testing/runCliCaptured';

// The CLI door against real ipmi_sim BMCs: same services and dispatcher as the app.
let lab: IpmiSimLab;
let dataDir: string;
const power = (i: number) => readFileSync(join(lab.bmcs[i]!.chassisDir, 'power'), 'utf8').trim();

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'r1' }, { name: 'r2' }, { name: 'p1' }]);
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-clipower-'));
  const s = createServices({ dataDir });
  addBmcHost(s, 'r1', lab.bmcs[0]!, { cluster: 'rack' });
  addBmcHost(s, 'r2', lab.bmcs[1]!, { cluster: 'rack' });
  addBmcHost(s, 'p1', lab.bmcs[2]!, { protected: true, tags: ['db'] });
  await s.close();
});

afterAll(async () => {
  await lab?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCliCaptured(dataDir, args);

describe('labvisor power / bmc', () => {
  it('shows the power state of a cluster and a tag', async () => {
    const r = await cli(['power', 'status', 'rack', 'db', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((s: { hostName: string; state: string }) => [s.hostName, s.state])).toEqual([
      ['r1', 'on'],
      ['r2', 'on'],
      ['p1', 'on'],
    ]);
  });

  it('refuses a destructive action without --yes when nobody is at a terminal', async () => {
    const r = await cli(['power', 'off', 'rack']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('r1, r2');
    expect(power(0)).toBe('1');
  });

  it('powers a cluster off with --yes, printing per-host progress and results', async () => {
    const r = await cli(['power', 'off', 'rack', '--yes', '--concurrency', '1']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\[2\/2\] r\d: done/);
    expect(r.out).toMatch(/r1\s+ok\s+on\s+off/);
    expect([power(0), power(1)]).toEqual(['0', '0']);
    expect((await cli(['power', 'on', 'rack'])).code).toBe(0);
    expect([power(0), power(1)]).toEqual(['1', '1']);
  });

  it('asks before a reboot, and an IPMI BMC refuses it with the reason (exit 1), the machine untouched', async () => {
    expect((await cli(['power', 'reboot', 'r1'])).code).toBe(4);
    const r = await cli(['power', 'reboot', 'r1', '--yes', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).results[0]).toMatchObject({
      hostName: 'r1',
      ok: false,
      error: { code: 'unsupported', message: expect.stringContaining('IPMI has no graceful reboot') },
    });
    expect(power(0)).toBe('1');
  });

  it('needs --force-protected for a protected host', async () => {
    const refused = await cli(['power', 'reset', 'p1', '--yes']);
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/protected/);
    expect((await cli(['power', 'reset', 'p1', '--yes', '--force-protected', 'p1'])).code).toBe(0);
  });

  it('refuses changes in read-only mode', async () => {
    const r = await cli(['--read-only', 'power', 'on', 'r1']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/read-only/);
  });

  it('sets the boot device and identify LED', async () => {
    expect((await cli(['power', 'bootdev', 'pxe', 'r2'])).code).toBe(0);
    expect(readFileSync(join(lab.bmcs[1]!.chassisDir, 'boot'), 'utf8').trim()).toBe('pxe');
    expect((await cli(['power', 'identify', 'r2', '--seconds', '5'])).code).toBe(0);
  });

  it('reads sensors, SEL and BMC info, and clears the SEL only with --yes', async () => {
    const sensors = await cli(['bmc', 'sensors', 'r1']);
    expect(sensors.out).toMatch(/Inlet Temp\s+temperature\s+30/);
    expect(JSON.parse((await cli(['bmc', 'info', 'r1', '--json'])).out)).toMatchObject({ ipmiVersion: '2.0' });
    expect((await cli(['bmc', 'sel', 'r1'])).out).toMatch(/Upper Critical going high/);
    expect((await cli(['bmc', 'sel-clear', 'r1'])).code).toBe(4);
    const cleared = await cli(['bmc', 'sel-clear', 'r1', '--yes']);
    expect(cleared.code).toBe(0);
    expect(cleared.out).toMatch(/cleared \d+ events on r1/);
    const audit = JSON.parse((await cli(['audit', '--target', 'r1', '--json'])).out);
    expect(audit[0]).toMatchObject({ action: 'bmc.clearSel', door: 'cli', result: 'ok' });
  });
});
