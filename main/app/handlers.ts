import type { Handlers } from '../../common/contract';
import type { AppServices } from './services';
import { inventoryHandlers } from '../features/inventory/inventoryHandlers';
import { auditHandlers } from '../features/audit/auditHandlers';
import { sshHandlers } from '../features/ssh/sshHandlers';
import { terminalHandlers } from '../features/terminal/terminalHandlers';
import { powerHandlers } from '../features/power/powerHandlers';
import { bmcHandlers } from '../features/bmc/bmcHandlers';
import { redfishHandlers } from '../drivers/redfish/redfishHandlers';

/** Every command's handler; the `Handlers` type makes a missing one a compile error. */
export function createHandlers(s: AppServices): Handlers {
  return {
    'app.info': (_input, ctx) => ({
      version: s.options.version,
      door: ctx.door,
      readOnly: s.options.readOnly,
      dataDir: s.options.dataDir,
      platform: process.platform,
    }),
    ...auditHandlers(s),
    ...inventoryHandlers(s),
    ...sshHandlers(s),
    ...terminalHandlers(s),
    ...powerHandlers(s),
    ...bmcHandlers(s),
    ...redfishHandlers(s),
  };
}
