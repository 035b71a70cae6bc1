import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type AppServices, type ServiceOptions } from '../app/services';

/** Real services on a real SQLite file in a fresh temp directory; `cleanup` closes and deletes it. */
export function tempServices(opts: Partial<ServiceOptions> = {}): AppServices & { cleanup(): Promise<void> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-test-'));
  const services = createServices({ dataDir, ...opts });
  return Object.assign(services, {
    async cleanup() {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
