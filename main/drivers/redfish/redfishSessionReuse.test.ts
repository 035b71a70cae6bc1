import { afterEach, describe, expect, it } from 'vitest';
import { measureRedfishHealthCost } from '../../testing/redfishHealthCost';
import { redfishLab, waitFor } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

// Issue 14's Redfish cost: one session per BMC, ≤ 4 requests per health check, counted by the test service.
describe.each(['ilo4', 'ilo5', 'dmtf', 'modern'] as const)('Redfish health watch cost on the %s shape', (shape) => {
  it('logs in once for an hour of checks, makes at most 4 requests per check, and logs out at shutdown', async () => {
    const cost = await measureRedfishHealthCost(shape, 120);
    expect(cost.logins).toBe(1);
    expect(cost.requestsPerCheck).toBeLessThanOrEqual(4);
    expect(cost.requestsPerCheck).toBeGreaterThan(0);
    expect(cost.sessionsLeftOpen).toBe(0);
    // The readings behind the level were really read (one PSU of the test machine is degraded).
    expect(new Set(cost.levels)).toEqual(new Set(['warning']));
  }, 60_000);
});

describe('Redfish session renewal', () => {
  let lab: Lab | null = null;
  afterEach(async () => {
    await lab?.cleanup();
    lab = null;
  });

  it("starts a new session once the old one has idled for the service's SessionTimeout, without meeting a 401", async () => {
    lab = await redfishLab({ shape: 'dmtf', sessionTimeoutSec: 1 });
    const host = lab.services.inventory.get(lab.host.id);
    expect((await lab.services.bmc.hostHealth(host)).error).toBeNull();
    expect((await lab.services.bmc.hostHealth(host)).error).toBeNull();
    expect(lab.bmc.stats.sessionsCreated).toBe(1);
    // The idle period itself is what is tested: the service expires the session after 1 s without a request.
    const idleSince = Date.now();
    await waitFor(
      () => Date.now() - idleSince,
      (ms) => ms > 1100,
      5000,
    );
    expect((await lab.services.bmc.hostHealth(host)).error).toBeNull();
    expect(lab.bmc.stats.sessionsCreated).toBe(2);
    expect(lab.bmc.stats.unauthorized).toBe(0);
  });

  it('logs in again once when the BMC forgot the session (a reset), and the check still succeeds', async () => {
    lab = await redfishLab({ shape: 'ilo5' });
    const host = lab.services.inventory.get(lab.host.id);
    expect((await lab.services.bmc.hostHealth(host)).error).toBeNull();
    lab.bmc.dropSessions();
    const health = await lab.services.bmc.hostHealth(host);
    expect(health).toMatchObject({ error: null, reachable: true, power: 'off' });
    expect(lab.bmc.stats.sessionsCreated).toBe(2);
    expect(lab.bmc.stats.unauthorized).toBe(1);
  });

  it('starts a new session when the stored password changes, logging the old one out', async () => {
    lab = await redfishLab({ shape: 'dmtf' });
    const host = lab.services.inventory.get(lab.host.id);
    expect((await lab.services.bmc.hostHealth(host)).error).toBeNull();
    lab.services.vault.set({ hostId: host.id, purpose: 'bmc-password' }, 'wrong');
    expect((await lab.services.bmc.hostHealth(host)).error?.code).toBe('auth_failed');
    expect(
      await waitFor(
        () => lab!.bmc.stats.sessionsDeleted,
        (n) => n === 1,
      ),
    ).toBe(1);
  });
});
