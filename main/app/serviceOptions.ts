import type { KeyProvider } from '../platform/secrets/vault';
import type { PowerOptions } from '../features/power/powerService';
import type { SshOptions } from '../features/ssh/sshService';
import type { MetricsOptions } from '../features/metrics/metricsService';

export interface ServiceOptions {
  dataDir: string;
  /** Desktop: Electron safeStorage; headless: a 0600 key file in the data directory. */
  keyProvider?: KeyProvider;
  readOnly?: boolean;
  version?: string;
  /** Also print warnings and errors to stderr (the CLI and `serve`). */
  logToStderr?: boolean;
  /** Connect timeout, default user, key directory and agent socket for SSH (tests point these at the lab). */
  ssh?: SshOptions;
  /** IPMI timeouts and status polling (tests shorten them). */
  power?: PowerOptions;
  /** Desktop: where `npm start` put native modules built for Electron (see platform/nativeModules.ts). */
  nativeRoot?: string;
  /** Flush, probe and interval settings of metric collection (tests shorten them). */
  metrics?: MetricsOptions;
}
