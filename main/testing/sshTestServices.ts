import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostFieldsInput, SshSettings } from '../../common/domain/host';
import { HostFields } from '../../common/domain/host';
import { createServices, type AppServices } from '../app/services';
import type { SshOptions } from '../features/ssh/sshService';

/** Services over a fresh data directory, with no ambient agent or ~/.ssh keys so each test chooses its auth. */
export function sshTestServices(opts: SshOptions = {}): AppServices {
  const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-ssh-'));
  const services = createServices({
    dataDir,
    ssh: { connectTimeoutMs: 5_000, identityDir: null, agentSocket: undefined, ...opts },
  });
  const close = services.close.bind(services);
  return Object.assign(services, {
    close: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function addSshHost(
  s: AppServices,
  name: string,
  address: string,
  port: number,
  ssh: Partial<SshSettings> = {},
  more: Partial<HostFieldsInput> = {},
) {
  return s.inventory.add(
    HostFields.parse({ name, addresses: [{ label: 'management', address }], ssh: { port, ...ssh }, ...more }),
    'cli',
  );
}

/** What a person does after checking the fingerprint: scan the presented key and trust exactly that one. */
export async function trustPresentedKey(s: AppServices, hostId: number): Promise<void> {
  const presented = await s.ssh.scanHostKey(hostId);
  await s.ssh.trustHostKey(hostId, presented.fingerprint, 'cli');
}
