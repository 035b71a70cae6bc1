import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../labPaths';
import { ensureLabUser } from '../ssh/labUser';

/**
 * Makes sure the machine's libvirtd serves qemu:///system (ensureLibvirtd.sh): reuses a running one, starts one
 * (with virtlogd) under a lock otherwise, and puts the lab SSH user in group `libvirt`. The daemon is shared by
 * every engineer's test run and is never stopped by a test. Returns whether this call started it.
 */
export function ensureLibvirtd(): { started: boolean } {
  const { user } = ensureLabUser();
  const out = execFileSync(join(REPO_ROOT, 'lab/libvirt/ensureLibvirtd.sh'), [user], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { started: out.trim() === 'started' };
}
