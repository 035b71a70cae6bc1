import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificatePins } from './certificatePins';
import { RedfishClient } from './redfishClient';
import { pinnedCertificateCheck, redfishTargetOf } from './redfishEndpoint';
import type { RedfishPowerDriver } from './redfishPowerDriver';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;
let lab: Lab | null = null;
afterEach(async () => {
  await lab?.cleanup();
  lab = null;
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

function clientFor(l: Lab, overrides: Partial<ConstructorParameters<typeof RedfishClient>[0]> = {}) {
  return new RedfishClient({
    label: l.host.name,
    address: '127.0.0.1',
    port: l.bmc.port,
    user: 'admin',
    password: 'secret',
    check: pinnedCertificateCheck(redfishTargetOf(l.host), new CertificatePins(l.services.db)),
    timeouts: { connectMs: 1000, requestMs: 2000, backoffMs: 50 },
    ...overrides,
  });
}

describe('Redfish client', () => {
  it('falls back to Basic auth when the SessionService is disabled', async () => {
    lab = await redfishLab({ shape: 'dmtf', sessionService: false });
    const driver = lab.services.power.driverFor(lab.host) as RedfishPowerDriver;
    expect(await driver.status()).toBe('off');
    await driver.power('on');
    await driver.close();
    expect(lab.bmc.stats.sessionsCreated).toBe(0);
    expect(lab.bmc.stats.basicAuthRequests).toBeGreaterThan(0);
    expect(lab.bmc.machine.resetHistory).toEqual(['On']);
  });

  it('reports a wrong password as auth_failed, with sessions and with Basic', async () => {
    lab = await redfishLab({ shape: 'ilo4' });
    expect(await codeOf(clientFor(lab, { password: 'wrong' }).get('/redfish/v1/Systems/1/'))).toBe('auth_failed');
    await lab.cleanup();
    lab = await redfishLab({ shape: 'dmtf', sessionService: false });
    expect(await codeOf(clientFor(lab, { password: 'wrong' }).get('/redfish/v1/Systems'))).toBe('auth_failed');
    expect(lab.bmc.stats.liveSessions).toBe(0);
  });

  it('tolerates a missing iLO 4 trailing slash and retries while the BMC answers 503', async () => {
    lab = await redfishLab({ shape: 'ilo4' });
    const client = clientFor(lab);
    expect((await client.get('/redfish/v1/Systems/1')).Id).toBe('1');
    lab.bmc.failNext(2);
    expect((await client.get('/redfish/v1/Managers/1/')).FirmwareVersion).toBe('iLO 4 v2.82');
    // One attempt and four retries, then the BMC's 503 is reported.
    lab.bmc.failNext(5);
    expect(await codeOf(client.get('/redfish/v1/Chassis/1/'))).toBe('remote_error');
    await client.close();
    expect(lab.bmc.stats.liveSessions).toBe(0);
  });

  it('tolerates slow answers within the request timeout', async () => {
    lab = await redfishLab({ shape: 'ilo4' });
    lab.bmc.latencyMs = 500;
    const client = clientFor(lab);
    expect((await client.get('/redfish/v1/Systems/1/')).PowerState).toBe('Off');
    lab.bmc.latencyMs = 2500;
    expect(await codeOf(client.get('/redfish/v1/Systems/1/'))).toBe('timeout');
    lab.bmc.latencyMs = 0;
    await client.close();
  });

  it('fails fast and bounded on an unreachable port or a silent peer', async () => {
    lab = await redfishLab({ shape: 'dmtf' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    let started = Date.now();
    expect(await codeOf(clientFor(lab, { port: closedPort }).get('/redfish/v1/Systems'))).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(1500);

    // Accepts TCP but never speaks TLS, like a hung BMC.
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    started = Date.now();
    const port = (silent.address() as AddressInfo).port;
    expect(await codeOf(clientFor(lab, { port }).get('/redfish/v1/Systems'))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
