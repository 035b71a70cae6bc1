import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFields } from '../../../common/domain/host';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { startRedfishService, type RedfishService } from '../../../lab/redfish/redfishService';
import { createServices } from '../../app/services';
import { runCliCaptured } from '../../testing/runCliCaptured';

// `labvisor power identify` from a script: the LED must not stay lit because the CLI exited before a timer fired.
let lab: IpmiSimLab;
let redfish: RedfishService;
let dataDir: string;

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'ipmi-id' }]);
  redfish = await startRedfishService({ shape: 'modern' });
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-identify-'));
  const s = createServices({ dataDir });
  addBmcHost(s, 'ipmi-id', lab.bmcs[0]!);
  const host = s.inventory.add(
    HostFields.parse({
      name: 'rf-id',
      bmc: { type: 'redfish', address: '127.0.0.1', port: redfish.port, user: 'admin' },
    }),
    'cli',
  );
  s.vault.set({ hostId: host.id, purpose: 'bmc-password' }, 'secret');
  await s.dispatch('bmc.trustCertificate', { hostId: host.id, fingerprint: redfish.fingerprint }, { door: 'cli' });
  await s.close();
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  await redfish?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('labvisor power identify', () => {
  it('leaves the timing to an IPMI BMC (chassis identify N) and returns at once', async () => {
    const started = Date.now();
    const r = await runCliCaptured(dataDir, ['power', 'identify', 'ipmi-id', '--seconds', '7']);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    // ipmi_sim hands its chassis the interval and the force flag.
    expect(readFileSync(join(lab.bmcs[0]!.chassisDir, 'identify'), 'utf8').trim()).toBe('7 0');
  });

  it('stays with a countdown for a Redfish BMC and turns the LED off before it exits', async () => {
    const started = Date.now();
    const seen: string[] = [];
    const watch = setInterval(() => seen.push(redfish.machine.indicatorLed), 50);
    const r = await runCliCaptured(dataDir, ['power', 'identify', 'rf-id', '--seconds', '2']);
    clearInterval(watch);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(seen).toContain('Lit');
    expect(redfish.machine.indicatorLed).toBe('Off');
    expect(r.err).toMatch(/turned off in 2 s.*--off/);
    expect(r.err).toMatch(/rf-id: identify LED off/);
  });
});
