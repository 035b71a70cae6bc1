import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFields } from '../../../../common/domain/host';
import { startIpmiSims, type IpmiSimLab } from '../../../../lab/ipmi/ipmiSimLab';
import { createServices } from '../../../app/services';
import { runCliCaptured } from '../../../testing/runCliCaptured';

// A BMC password stored the way a user does it (`labvisor secret set HOST --bmc`, from stdin), then used by a
// power query against a real ipmi_sim BMC.
const PASSWORD = 'Bmc-Pw-7731';
let lab: IpmiSimLab;
let dataDir: string;

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'vaulted', password: PASSWORD }]);
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-bmcsecret-'));
  const s = createServices({ dataDir });
  const bmc = lab.bmcs[0]!;
  s.inventory.add(HostFields.parse({ name: 'nobmc' }), 'cli');
  s.inventory.add(
    HostFields.parse({ name: 'vaulted', bmc: { type: 'ipmi', address: bmc.address, port: bmc.port, user: bmc.user } }),
    'cli',
  );
  await s.close();
});

afterAll(async () => {
  await lab?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (args: string[], input = '') => runCliCaptured(dataDir, args, { input });

describe('labvisor secret set --bmc', () => {
  it('stores the BMC password in the vault and power queries use it', async () => {
    expect((await cli(['power', 'status', 'vaulted', '--json'])).code).not.toBe(0);
    const set = await cli(['secret', 'set', 'vaulted', '--bmc'], `${PASSWORD}\n`);
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    const status = await cli(['power', 'status', 'vaulted', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)[0]).toMatchObject({ hostName: 'vaulted', state: 'on' });
  });

  it('keeps the password out of the database, the log and the audit entry', async () => {
    for (const file of readdirSync(dataDir).filter((f) => !f.startsWith('secrets.vault'))) {
      expect(readFileSync(join(dataDir, file)).includes(PASSWORD), file).toBe(false);
    }
    const audit = JSON.parse((await cli(['audit', '--json', '--target', 'vaulted'])).out);
    expect(audit.map((e: { action: string }) => e.action)).toContain('bmc.setPassword');
  });

  it('explains that a host without a BMC cannot have a BMC password', async () => {
    const r = await cli(['secret', 'set', 'nobmc', '--bmc'], 'x\n');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no BMC configured');
  });
});
