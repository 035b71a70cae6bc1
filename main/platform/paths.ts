import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR_NAME = 'Labvisor';

/** The platform's application-data folder, overridden by LABVISOR_DATA_DIR. The desktop app uses the same one. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LABVISOR_DATA_DIR) return env.LABVISOR_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}

export const DB_FILE = 'labvisor.db';
/** The JSON vault file of versions before the vault moved into the database (read once, then renamed). */
export const LEGACY_VAULT_FILE = 'secrets.vault';
