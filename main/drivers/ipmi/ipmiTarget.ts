import { parseBmcAddress } from '../../../common/domain/bmcAddress';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { SecretSource } from '../../platform/secrets/secretKeys';

/** Everything needed to talk to one IPMI BMC; the password is only ever handed to ipmitool's environment. */
export interface IpmiTarget {
  hostName: string;
  address: string;
  port: number;
  user: string;
  password: string;
  cipherSuite: number;
  /** Inventory id of the host ipmitool must run on when the BMC is only reachable from there. */
  jumpHostId: number | null;
}

/** Builds the target from the host's BMC settings; the password comes from the vault under the host's id. */
export function ipmiTargetFor(host: Host, vault: SecretSource): IpmiTarget {
  const bmc = host.bmc;
  if (!bmc) throw new AppError('unsupported', `${host.name} has no BMC configured`);
  if (bmc.type !== 'ipmi') throw new AppError('unsupported', `${host.name}'s BMC is ${bmc.type}, not IPMI`);
  const password = vault.get({ hostId: host.id, purpose: 'bmc-password' });
  if (password === null)
    throw new AppError('auth_failed', `${host.name}: no BMC password stored (labvisor secret set ${host.name} --bmc)`);
  // Rows stored before addresses were split may still say `host:port`; never hand that to a resolver.
  const endpoint = parseBmcAddress(bmc.address);
  if (!endpoint.ok) throw new AppError('invalid_input', `${host.name}: ${endpoint.message}`);
  return {
    hostName: host.name,
    address: endpoint.value.address,
    port: bmc.port ?? endpoint.value.port ?? 623,
    user: bmc.user ?? 'ADMIN',
    password,
    cipherSuite: bmc.cipherSuite,
    jumpHostId: bmc.jumpHostId,
  };
}
