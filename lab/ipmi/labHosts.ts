import type { AppServices } from '../../main/app/services';
import type { Host, HostFieldsInput } from '../../common/domain/host';
import { HostFields } from '../../common/domain/host';
import type { SimBmc } from './ipmiSimLab';

/** Adds an inventory host whose IPMI BMC is `bmc`, its password sealed in the vault as the app would do it. */
export function addBmcHost(
  services: AppServices,
  name: string,
  bmc: Pick<SimBmc, 'address' | 'port' | 'user' | 'password'>,
  extra: Partial<HostFieldsInput> = {},
): Host {
  const host = services.inventory.add(
    HostFields.parse({
      name,
      ...extra,
      bmc: { type: 'ipmi', address: bmc.address, port: bmc.port, user: bmc.user, cipherSuite: 3 },
    }),
    'cli',
  );
  services.vault.set({ hostId: host.id, purpose: 'bmc-password' }, bmc.password);
  return host;
}
