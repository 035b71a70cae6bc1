import type { Handlers } from '../../common/contract';
import { inventoryHandlers } from '../features/inventory/inventoryHandlers';
import { auditHandlers } from '../features/audit/auditHandlers';
import { sshHandlers } from '../features/ssh/sshHandlers';
import { terminalHandlers } from '../features/terminal/terminalHandlers';
import { powerHandlers } from '../features/power/powerHandlers';
import { bmcHandlers } from '../features/bmc/bmcHandlers';
import { virtHandlers } from '../features/virt/virtHandlers';
import { metricsHandlers } from '../features/metrics/metricsHandlers';
import { consoleHandlers } from '../features/console/consoleHandlers';

/** What `app.info` reports about this process. */
interface AppInfoDeps {
  options: { version: string; readOnly: boolean; dataDir: string };
}

/** The union of what every feature's handlers take; the services built in services.ts satisfy it. */
export type HandlerDeps = AppInfoDeps &
  Parameters<typeof auditHandlers>[0] &
  Parameters<typeof inventoryHandlers>[0] &
  Parameters<typeof sshHandlers>[0] &
  Parameters<typeof terminalHandlers>[0] &
  Parameters<typeof powerHandlers>[0] &
  Parameters<typeof bmcHandlers>[0] &
  Parameters<typeof virtHandlers>[0] &
  Parameters<typeof metricsHandlers>[0] &
  Parameters<typeof consoleHandlers>[0];

/** Every command's handler; the `Handlers` type makes a missing one a compile error. */
export function createHandlers(s: HandlerDeps): Handlers {
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
    ...virtHandlers(s),
    ...metricsHandlers(s),
    ...consoleHandlers(s),
  };
}
