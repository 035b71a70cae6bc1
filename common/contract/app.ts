import { z } from 'zod';
import { query } from './define';

/** How an action came in; `system` is Labvisor acting on its own (an alert firing), never a caller's door. */
const DOORS = ['ipc', 'ws', 'cli', 'system'] as const;
export const Door = z.enum(DOORS);
export type Door = z.infer<typeof Door>;

export const AppInfo = z.object({
  version: z.string(),
  door: Door,
  readOnly: z.boolean(),
  dataDir: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCommands = {
  'app.info': query(z.object({}), AppInfo),
} as const;

export const appEvents = {} as const;
