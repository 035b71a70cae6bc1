import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../common/result';
import { redfishLab, trust } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;
let lab: Lab | null = null;
afterEach(async () => {
  await lab?.cleanup();
  lab = null;
});

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: { code: string; details?: Record<string, unknown> }) => error,
  );
}

describe('Redfish certificate pinning (trust on first use)', () => {
  it('refuses an unknown certificate with its fingerprint and sends nothing; trusting it (audited) lets power work', async () => {
    lab = await redfishLab({ shape: 'ilo4', trust: false });
    const driver = lab.services.power.driverFor(lab.host);
    const error = await failure(driver.status());
    expect(error?.code).toBe('host_key_unknown');
    expect(error?.details?.fingerprint).toBe(lab.bmc.fingerprint);
    expect(error?.details?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(error?.details?.subject).toContain('CN=ilo4-lab.labvisor.test');
    expect(error?.details?.validTo).toMatch(/^\d{4}-/);
    expect(lab.bmc.stats.requests).toBe(0);
    expect(lab.bmc.stats.credentialedRequests).toBe(0);

    const inspected = await lab.services.dispatch('bmc.inspectCertificate', { hostId: lab.host.id }, { door: 'cli' });
    expect(inspected).toMatchObject({ ok: true, value: { status: 'unknown', pinned: null } });

    const trusted = (await trust(lab.services, lab.host, lab.bmc)) as Result<{ fingerprint: string }>;
    expect(trusted.ok && trusted.value.fingerprint).toBe(lab.bmc.fingerprint);
    const audit = lab.services.audit.list({ limit: 5, target: lab.host.name });
    expect(audit[0]).toMatchObject({ action: 'bmc.trustCertificate', result: 'ok' });
    expect(JSON.stringify(audit[0]?.after)).toContain(lab.bmc.fingerprint);

    expect(await driver.status()).toBe('off');
    await driver.close();
  });

  it('pins only the certificate the person confirmed', async () => {
    lab = await redfishLab({ shape: 'dmtf', trust: false });
    const other = 'AA:'.repeat(31) + 'AA';
    const result = await lab.services.dispatch(
      'bmc.trustCertificate',
      { hostId: lab.host.id, fingerprint: other },
      { door: 'cli' },
    );
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    expect(await lab.services.dispatch('bmc.listCertificates', {}, { door: 'cli' })).toEqual({
      ok: true,
      value: [],
    });
  });

  it('refuses a changed certificate without sending credentials until it is explicitly replaced', async () => {
    lab = await redfishLab({ shape: 'ilo4' });
    const before = lab.services.power.driverFor(lab.host);
    expect(await before.status()).toBe('off');
    await before.close();
    const oldFingerprint = lab.bmc.fingerprint;

    const newFingerprint = await lab.bmc.restartWithNewCertificate();
    expect(newFingerprint).not.toBe(oldFingerprint);
    lab.bmc.resetStats();
    const driver = lab.services.power.driverFor(lab.host);
    const error = await failure(driver.power('on'));
    expect(error?.code).toBe('certificate_mismatch');
    expect(error?.details).toMatchObject({ fingerprint: newFingerprint, pinnedFingerprint: oldFingerprint });
    expect(lab.bmc.stats.requests).toBe(0);
    expect(lab.bmc.stats.credentialedRequests).toBe(0);
    expect(lab.bmc.machine.resetHistory).toEqual([]);

    // Trusting again is not enough: a changed certificate needs the explicit replace command.
    expect(await trust(lab.services, lab.host, lab.bmc)).toMatchObject({ ok: false, code: 'certificate_mismatch' });
    expect(await trust(lab.services, lab.host, lab.bmc, 'bmc.replaceCertificate')).toMatchObject({ ok: true });
    const audit = lab.services.audit.list({ limit: 1, target: lab.host.name })[0];
    expect(audit).toMatchObject({ action: 'bmc.replaceCertificate', before: { fingerprint: oldFingerprint } });

    expect(await driver.status()).toBe('off');
    await driver.close();
  });
});
