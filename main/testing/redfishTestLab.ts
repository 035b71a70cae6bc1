import { HostFields, type Host } from '../../common/domain/host';
import { startRedfishService, type RedfishService, type RedfishServiceOptions } from '../../lab/redfish/redfishService';
import type { ServiceOptions } from '../app/services';
import { tempServices } from './tempServices';

/**
 * For tests: real services (SQLite, vault, audit) plus the project's Redfish test service on loopback, with an
 * inventory host whose BMC points at it and whose password is in the vault.
 */
export async function redfishLab(
  opts: RedfishServiceOptions & { trust?: boolean; services?: Partial<ServiceOptions> } = {},
) {
  const services = tempServices(opts.services);
  const bmc = await startRedfishService(opts);
  const host = services.inventory.add(
    {
      ...HostFields.parse({ name: `rf-${opts.shape ?? 'dmtf'}` }),
      bmc: {
        type: 'redfish',
        address: '127.0.0.1',
        port: bmc.port,
        user: opts.user ?? 'admin',
        cipherSuite: 3,
        jumpHostId: null,
      },
    },
    'cli',
  );
  services.vault.set({ hostId: host.id, purpose: 'bmc-password' }, opts.password ?? 'secret');
  if (opts.trust ?? true) await trust(services, host, bmc);
  return {
    services,
    bmc,
    host,
    async cleanup() {
      await bmc.close();
      await services.cleanup();
    },
  };
}

export async function trust(
  services: ReturnType<typeof tempServices>,
  host: Host,
  bmc: RedfishService,
  command: 'bmc.trustCertificate' | 'bmc.replaceCertificate' = 'bmc.trustCertificate',
) {
  return services.dispatch(command, { hostId: host.id, fingerprint: bmc.fingerprint }, { door: 'cli' });
}

export async function waitFor<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
