import type { DriverKind } from '../../common/domain/power';
import type { Driver, DriverContext, DriverModule } from './driver';
import { ipmiDriver } from './ipmi/ipmiDriver';
import { redfishDriver } from './redfish/redfishDriver';
import { libvirtDriver } from './libvirt/libvirtDriver';

/**
 * One line per driver, keyed by the domain's driver kind (common/domain/power.ts). Adding a driver is a folder
 * under main/drivers/, one line here and its labels in the renderer catalogues (docs/architecture.md).
 */
const DRIVERS: Partial<Record<DriverKind, DriverModule>> = {
  ipmi: ipmiDriver,
  redfish: redfishDriver,
  libvirt: libvirtDriver,
};

export interface Drivers {
  /** The driver for a kind; undefined when no driver of that kind is registered. */
  get(kind: DriverKind): Driver | undefined;
  /** See Driver.forget: every driver drops what it keeps for the host. */
  forget(hostId: number): Promise<void>;
  close(): Promise<void>;
}

/** Builds every registered driver once, with what the composition root lends them. */
export function createDrivers(ctx: DriverContext): Drivers {
  const built = new Map<DriverKind, Driver>();
  for (const [kind, module] of Object.entries(DRIVERS) as [DriverKind, DriverModule][]) built.set(kind, module(ctx));
  return {
    get: (kind) => built.get(kind),
    async forget(hostId) {
      await Promise.all([...built.values()].map((driver) => driver.forget?.(hostId)));
    },
    async close() {
      await Promise.all([...built.values()].map((driver) => driver.close?.()));
    },
  };
}
