import { afterEach, describe, expect, it } from 'vitest';
import { CertificatePins } from './certificatePins';
import { redfishClientFor } from './redfishEndpoint';
import { redfishLab, trust, waitFor } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;
const ELSEWHERE = 'AB:'.repeat(31) + 'AB';

// Kept Redfish sessions and their keep-alive connections against the test service, which counts its open TCP
// connections, the requests it received and the sessions it created and deleted.
describe('Redfish kept sessions follow certificate trust and the inventory', () => {
  let lab: Lab | null = null;
  afterEach(async () => {
    await lab?.cleanup();
    lab = null;
  });

  it('replacing the certificate closes the kept connections and logs the old session out', async () => {
    lab = await redfishLab({ shape: 'ilo5' });
    const { services, bmc } = lab;
    const host = services.inventory.get(lab.host.id);
    expect((await services.bmc.hostHealth(host)).error).toBeNull();
    expect(bmc.stats.liveSessions).toBe(1);
    expect(bmc.openConnections()).toBeGreaterThan(0);
    // The BMC gets a new certificate; the connections it already has keep the old one, as TLS does.
    await bmc.rotateCertificate();
    expect(bmc.openConnections()).toBeGreaterThan(0);
    await trust(services, host, bmc, 'bmc.replaceCertificate');
    // By the time the replace answers, the old session is logged out (over a connection presenting the new
    // certificate) and no connection opened under the old pin is left.
    expect(bmc.stats.sessionsDeleted).toBe(1);
    expect(bmc.stats.liveSessions).toBe(0);
    expect(
      await waitFor(
        () => bmc.openConnections(),
        (n) => n === 0,
      ),
    ).toBe(0);
    expect((await services.bmc.hostHealth(host)).error).toBeNull();
    expect(bmc.stats.sessionsCreated).toBe(2);
  });

  it('writes nothing on a kept connection whose certificate is no longer trusted', async () => {
    lab = await redfishLab({ shape: 'dmtf' });
    const { services, bmc } = lab;
    const host = services.inventory.get(lab.host.id);
    const pins = new CertificatePins(services.db);
    // A client already in use (a call in progress elsewhere) holds a kept-alive connection.
    const client = redfishClientFor(host, { pins, vault: services.vault });
    await client.get('/redfish/v1/');
    expect(bmc.openConnections()).toBe(1);
    const received = bmc.requestLog.length;
    // Another process sharing the database (the CLI) pins a different certificate: this one is no longer trusted.
    pins.set(host.id, { ...pins.get(host.id)!, fingerprint: ELSEWHERE });
    await expect(client.get('/redfish/v1/Systems/')).rejects.toMatchObject({ code: 'certificate_mismatch' });
    expect(bmc.requestLog.length).toBe(received);
    expect(
      await waitFor(
        () => bmc.openConnections(),
        (n) => n === 0,
      ),
    ).toBe(0);
    // The kept session of the app is replaced too: nothing reaches the BMC, the check says why.
    expect((await services.bmc.hostHealth(host)).error).toMatchObject({ code: 'certificate_mismatch' });
    expect(bmc.requestLog.length).toBe(received);
    await client.close();
  });

  it('deleting a host logs its kept session out and closes its connections', async () => {
    lab = await redfishLab({ shape: 'ilo4' });
    const { services, bmc } = lab;
    const host = services.inventory.get(lab.host.id);
    expect((await services.bmc.hostHealth(host)).error).toBeNull();
    expect(bmc.stats.liveSessions).toBe(1);
    services.inventory.remove([host.id], 'cli');
    expect(
      await waitFor(
        () => bmc.stats.sessionsDeleted,
        (n) => n === 1,
      ),
    ).toBe(1);
    expect(bmc.stats.liveSessions).toBe(0);
    expect(
      await waitFor(
        () => bmc.openConnections(),
        (n) => n === 0,
      ),
    ).toBe(0);
  });
});
