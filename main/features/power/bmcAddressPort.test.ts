import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../common/domain/host';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { tempServices } from '../../testing/tempServices';

// A BMC address written with its port, through the API door, against a real ipmi_sim on a non-standard port.
let lab: IpmiSimLab;
let services: ReturnType<typeof tempServices>;

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'withport' }]);
  services = tempServices();
});
afterAll(async () => {
  await services?.cleanup();
  await lab?.stop();
});

describe('BMC address with a port', () => {
  it('stores host:port as address + port and reaches the BMC on that port', async () => {
    const sim = lab.bmcs[0]!;
    const added = await services.dispatch(
      'inventory.addHost',
      {
        name: 'withport',
        bmc: { type: 'ipmi', address: `${sim.address}:${sim.port}`, user: sim.user },
      },
      { door: 'ws' },
    );
    expect(added.ok).toBe(true);
    const host = (added as { value: Host }).value;
    expect(host.bmc).toMatchObject({ address: sim.address, port: sim.port });
    services.vault.set({ hostId: host.id, purpose: 'bmc-password' }, sim.password);
    const [status] = await services.power.status({ targets: [host.id], concurrency: 1 });
    expect(status).toMatchObject({ state: 'on', error: null });
  });

  it('refuses an address it cannot parse, at the door, saying why', async () => {
    const r = await services.dispatch(
      'inventory.addHost',
      { name: 'badport', bmc: { type: 'ipmi', address: '127.0.0.1:ipmi' } },
      { door: 'ws' },
    );
    expect(r).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(!r.ok && JSON.stringify(r.details ?? r.message)).toMatch(/port that is not a number/);
  });
});
