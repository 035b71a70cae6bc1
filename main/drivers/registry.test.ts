import { afterEach, describe, expect, it } from 'vitest';
import { BMC_TYPES } from '../../common/domain/host';
import { tempServices } from '../testing/tempServices';
import { createDrivers } from './registry';

let services: ReturnType<typeof tempServices> | null = null;
afterEach(async () => {
  await services?.cleanup();
  services = null;
});

describe('driver registry', () => {
  it('has a power driver and a BMC reader for every BMC type the inventory accepts', () => {
    const s = tempServices();
    services = s;
    const drivers = createDrivers({
      db: services.db,
      vault: services.vault,
      log: services.log,
      host: (id) => s.inventory.get(id),
      ssh: { openTcp: () => Promise.reject(new Error('no SSH in this test')) },
    });
    for (const type of BMC_TYPES) {
      expect(drivers.get(type)?.power, type).toBeTypeOf('function');
      expect(drivers.get(type)?.bmc, type).toBeTypeOf('function');
    }
    expect(drivers.get('ipmi')?.serialConsole).toBeDefined();
    drivers.close();
  });
});
