import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// A BMC reached through a jump host: ipmitool runs on the jump host (a real sshd on loopback) over SSH, with the
// password fed on stdin rather than on any command line.
let lab: IpmiSimLab;
let ssh: LabSsh;
let sshDir: string;
let services: AppServices;

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'behind' }]);
  sshDir = mkdtempSync(join(tmpdir(), 'labvisor-jumpbmc-'));
  ssh = await startLabSsh({ dir: sshDir });
  services = sshTestServices();
  const jump = addSshHost(services, 'jump', '127.0.0.1', ssh.sshd.port, {
    user: ssh.user,
    identityFile: ssh.keys.ed25519,
  });
  await trustPresentedKey(services, jump.id);
  const host = addBmcHost(services, 'behind', lab.bmcs[0]!);
  services.inventory.update(host.id, { bmc: { ...host.bmc!, jumpHostId: jump.id } }, 'cli');
});

afterAll(async () => {
  await services?.close();
  await ssh?.stop();
  await lab?.stop();
  rmSync(sshDir, { recursive: true, force: true });
});

describe('IPMI through a jump host', () => {
  it('reads status and powers off and on by running ipmitool on the jump host', async () => {
    const status = await services.dispatch('power.status', { targets: ['behind'] }, { door: 'cli' });
    expect(status).toMatchObject({ ok: true, value: [{ state: 'on', error: null }] });
    const off = await services.dispatch(
      'power.set',
      { targets: ['behind'], action: 'off', confirm: { hostNames: ['behind'] } },
      { door: 'cli' },
    );
    expect(off).toMatchObject({ ok: true, value: { results: [{ ok: true, before: 'on', after: 'off' }] } });
    expect(readFileSync(join(lab.bmcs[0]!.chassisDir, 'power'), 'utf8').trim()).toBe('0');
    const on = await services.dispatch('power.set', { targets: ['behind'], action: 'on' }, { door: 'cli' });
    expect(on).toMatchObject({ ok: true, value: { results: [{ ok: true, after: 'on' }] } });
  });
});
