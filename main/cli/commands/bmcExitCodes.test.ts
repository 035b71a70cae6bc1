import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { freeUdpPort } from '../../../lab/ipmi/udpPorts';
import { startRedfishService, type RedfishService } from '../../../lab/redfish/redfishService';
import { freeTcpPort } from '../../../lab/ssh/freeTcpPort';
import { HostFields } from '../../../common/domain/host';
import { createServices, type AppServices } from '../../app/services';
import { runCliCaptured } from '../../testing/runCliCaptured';

/*
 * What a cron job sees: every power/bmc command run as a script would (no terminal, --yes where needed) against a
 * BMC that does not answer, one whose certificate changed, and one that refuses the password, exits with the code
 * docs/cli.md documents for that failure: 5 unreachable, 4 refused (certificate), 6 credentials refused.
 */
let lab: IpmiSimLab;
let changed: RedfishService;
let wrongPassword: RedfishService;
let dataDir: string;

function addRedfishHost(s: AppServices, name: string, port: number, password: string) {
  const host = s.inventory.add(
    HostFields.parse({ name, bmc: { type: 'redfish', address: '127.0.0.1', port, user: 'admin' } }),
    'cli',
  );
  s.vault.set({ hostId: host.id, purpose: 'bmc-password' }, password);
  return host;
}

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'ipmi-badpw' }]);
  changed = await startRedfishService({ shape: 'ilo5' });
  wrongPassword = await startRedfishService({ shape: 'dmtf' });
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-exitcodes-'));
  const s = createServices({ dataDir });
  const rfChanged = addRedfishHost(s, 'rf-changed', changed.port, 'secret');
  const rfBadPw = addRedfishHost(s, 'rf-badpw', wrongPassword.port, 'not-the-password');
  addRedfishHost(s, 'rf-down', await freeTcpPort(), 'secret');
  for (const [host, bmc] of [
    [rfChanged, changed],
    [rfBadPw, wrongPassword],
  ] as const) {
    const r = await s.dispatch(
      'bmc.trustCertificate',
      { hostId: host.id, fingerprint: bmc.fingerprint },
      { door: 'cli' },
    );
    expect(r.ok).toBe(true);
  }
  addBmcHost(s, 'ipmi-badpw', { ...lab.bmcs[0]!, password: 'not-the-password' });
  addBmcHost(s, 'ipmi-down', {
    address: '127.0.0.1',
    port: await freeUdpPort('127.0.0.1'),
    user: 'admin',
    password: 'x',
  });
  await s.close();
  await changed.restartWithNewCertificate();
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  await changed?.close();
  await wrongPassword?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const COMMANDS: string[][] = [
  ['power', 'status', 'HOST'],
  ['power', 'on', 'HOST'],
  ['power', 'off', 'HOST', '--yes'],
  ['power', 'soft', 'HOST', '--yes'],
  ['power', 'cycle', 'HOST', '--yes'],
  ['power', 'reset', 'HOST', '--yes'],
  ['power', 'bootdev', 'pxe', 'HOST'],
  ['power', 'identify', 'HOST', '--seconds', '5'],
  ['bmc', 'health', 'HOST'],
  ['bmc', 'health', 'HOST', '--json'],
  ['bmc', 'sensors', 'HOST'],
  ['bmc', 'sel', 'HOST'],
  ['bmc', 'sel-clear', 'HOST', '--yes'],
  ['bmc', 'info', 'HOST'],
];

const CASES: [host: string, code: number, why: RegExp][] = [
  ['rf-down', 5, /cannot reach|ECONNREFUSED/],
  ['rf-changed', 4, /different certificate/],
  ['rf-badpw', 6, /refused the (user name or password|credentials)/],
  ['ipmi-badpw', 6, /refused/],
  ['ipmi-down', 5, /did not answer|no answer|timed out/i],
];

describe('exit codes a script can trust', () => {
  for (const [host, code, why] of CASES)
    it(`every power/bmc command against ${host} exits ${code}`, async () => {
      const seen: string[] = [];
      for (const command of COMMANDS) {
        const args = command.map((a) => (a === 'HOST' ? host : a));
        const r = await runCliCaptured(dataDir, args);
        seen.push(
          `${args.join(' ')} → ${r.code}${r.code === code && why.test(r.out + r.err) ? '' : ` ${r.out}${r.err}`}`,
        );
      }
      expect(seen).toEqual(COMMANDS.map((c) => `${c.map((a) => (a === 'HOST' ? host : a)).join(' ')} → ${code}`));
    }, 120_000);

  it('the SOL console exits with the same codes', async () => {
    expect((await runCliCaptured(dataDir, ['sol', 'ipmi-badpw'])).code).toBe(6);
    expect((await runCliCaptured(dataDir, ['sol', 'ipmi-down'])).code).toBe(5);
  }, 60_000);
});
