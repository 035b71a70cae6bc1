import type { Feature } from '../../common/contract';
import { inventoryHandlers } from '../features/inventory/inventoryHandlers';
import { auditHandlers } from '../features/audit/auditHandlers';
import type { CoreServices } from './coreServices';
import type { FeatureHandlers } from './dispatcher';
import type { MachineFeature } from './machineServices';

/** The features whose handlers need only the core services (the machine features' are in machineServices.ts). */
export type CoreFeature = Exclude<Feature, MachineFeature>;

/** The handlers of `app.info`, the audit log and the inventory. */
export function coreHandlers(s: CoreServices): Pick<FeatureHandlers, CoreFeature> {
  return {
    app: {
      'app.info': (_input, ctx) => ({
        version: s.options.version,
        door: ctx.door,
        readOnly: s.options.readOnly,
        dataDir: s.options.dataDir,
        platform: process.platform,
      }),
    },
    audit: auditHandlers(s),
    inventory: inventoryHandlers(s),
  };
}
