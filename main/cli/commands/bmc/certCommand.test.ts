import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFields } from '../../../../common/domain/host';
import { startRedfishService, type RedfishService } from '../../../../lab/redfish/redfishService';
import { createServices } from '../../../app/services';
import { runCliCaptured } from '../../../testing/runCliCaptured';

// A CLI-only user trusting a Redfish BMC (the test service, HTTPS on loopback) and replacing its certificate
// after it changed, as `hostkeys` does for SSH.
let bmc: RedfishService;
let dataDir: string;
const cli = (...args: string[]) => runCliCaptured(dataDir, args);

beforeAll(async () => {
  bmc = await startRedfishService({ shape: 'ilo5' });
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-bmccert-'));
  const s = createServices({ dataDir });
  const host = s.inventory.add(
    HostFields.parse({ name: 'ilo', bmc: { type: 'redfish', address: '127.0.0.1', port: bmc.port, user: 'admin' } }),
    'cli',
  );
  s.vault.set({ hostId: host.id, purpose: 'bmc-password' }, 'secret');
  await s.close();
});

afterAll(async () => {
  await bmc?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('labvisor bmc cert / trust / replace', () => {
  it('shows an untrusted certificate and exits 4; power status refuses until it is trusted', async () => {
    const shown = await cli('bmc', 'cert', 'ilo', '--json');
    expect(shown.code).toBe(4);
    expect(JSON.parse(shown.out)).toMatchObject({
      status: 'unknown',
      pinned: null,
      presented: { fingerprint: bmc.fingerprint },
    });
    expect((await cli('power', 'status', 'ilo')).code).toBe(4);
  });

  it('trusts only with a confirmation: not without, not with a wrong fingerprint', async () => {
    const unconfirmed = await cli('bmc', 'trust', 'ilo');
    expect(unconfirmed.code).toBe(4);
    expect(unconfirmed.err).toContain(bmc.fingerprint);
    const wrong = await cli('bmc', 'trust', 'ilo', '--fingerprint', 'AB'.repeat(32));
    expect(wrong.code).toBe(4);
    expect((await cli('bmc', 'cert', 'ilo')).out).toMatch(/status: unknown/);
  });

  it('trusts with the fingerprint as people paste it (lower case, no colons), then power status works', async () => {
    const pasted = `sha256:${bmc.fingerprint.replaceAll(':', '').toLowerCase()}`;
    const r = await cli('bmc', 'trust', 'ilo', '--fingerprint', pasted);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`trusted ${bmc.fingerprint}`);
    expect((await cli('bmc', 'cert', 'ilo')).code).toBe(0);
    expect((await cli('power', 'status', 'ilo')).code).toBe(0);
  });

  it('after the BMC changed its certificate: refuses trust, replaces on --yes, and audits both', async () => {
    const old = bmc.fingerprint;
    await bmc.restartWithNewCertificate();
    expect((await cli('power', 'status', 'ilo')).code).toBe(4);
    const cert = await cli('bmc', 'cert', 'ilo', '--json');
    expect(JSON.parse(cert.out)).toMatchObject({ status: 'changed', pinned: { fingerprint: old } });
    const trust = await cli('bmc', 'trust', 'ilo', '--yes');
    expect(trust.code).toBe(4);
    expect(trust.err).toMatch(/DIFFERENT certificate.*bmc replace ilo/s);
    const replaced = await cli('bmc', 'replace', 'ilo', '--yes', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out)).toMatchObject({ fingerprint: bmc.fingerprint });
    expect((await cli('power', 'status', 'ilo')).code).toBe(0);
    const audit = JSON.parse((await cli('audit', '--target', 'ilo', '--json')).out) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['bmc.trustCertificate', 'bmc.replaceCertificate']),
    );
  });
});
