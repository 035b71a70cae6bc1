import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import { startRedfishService, type RedfishService } from '../../../lab/redfish/redfishService';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// A BMC reachable only through a jump host: Redfish's TCP rides a real sshd's direct-tcpip channel.
let ssh: LabSsh;
let labDir: string;
let s: AppServices;
let bmc: RedfishService;
let bmcHostId: number;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-redfish-jump-'));
  ssh = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  const jump = addSshHost(s, 'jetson', '127.0.0.1', ssh.sshd.port, { user: ssh.user, identityFile: ssh.keys.ed25519 });
  await trustPresentedKey(s, jump.id);
  bmc = await startRedfishService({ shape: 'ilo4', transitionMs: 50 });
  bmcHostId = addSshHost(
    s,
    'dl360',
    '127.0.0.1',
    22,
    {},
    {
      bmc: {
        type: 'redfish',
        address: '127.0.0.1',
        port: bmc.port,
        user: 'admin',
        jumpHostId: jump.id,
      },
    },
  ).id;
  s.vault.set({ hostId: bmcHostId, purpose: 'bmc-password' }, 'secret');
});
afterAll(async () => {
  await bmc?.close();
  await s?.close();
  await ssh?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

describe('Redfish through an SSH jump host', () => {
  it('inspects and pins the certificate, then drives power, all through the jump host', async () => {
    const seen = await s.dispatch('bmc.inspectCertificate', { hostId: bmcHostId }, { door: 'cli' });
    expect(seen).toMatchObject({ ok: true, value: { status: 'unknown', presented: { fingerprint: bmc.fingerprint } } });
    const trusted = await s.dispatch(
      'bmc.trustCertificate',
      { hostId: bmcHostId, fingerprint: bmc.fingerprint },
      { door: 'cli' },
    );
    expect(trusted).toMatchObject({ ok: true });

    const driver = s.power.driverFor(s.inventory.get(bmcHostId));
    expect(await driver.status()).toBe('off');
    expect(s.ssh.connectionKeys()).toEqual([`${ssh.user}@127.0.0.1:${ssh.sshd.port}`]);
    await driver.power('on');
    await driver.close();
    expect(bmc.machine.resetHistory).toEqual(['On']);
    // The session is kept for the next call (logged out at shutdown).
    expect(bmc.stats.liveSessions).toBe(1);
  });

  it('reports the jump host being down instead of reaching the BMC some other way', async () => {
    await ssh.sshd.stop({ sessions: true });
    const driver = s.power.driverFor(s.inventory.get(bmcHostId));
    const error = await driver.status().then(
      () => null,
      (e: { code: string }) => e.code,
    );
    expect(error).toMatch(/unreachable|timeout/);
    await driver.close();
  });
});
