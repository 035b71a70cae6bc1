import { expect } from '@playwright/test';
import { processesWithArg } from '../../lab/ssh/processTree';

/**
 * Once Labvisor has stopped, no process of the lab host may still have `arg` (this run's own node URI) among its
 * arguments: a remote virsh left following domain events would run on forever. What is left is killed either way,
 * so a failure here does not outlive the run.
 */
export async function expectNoProcessLeftWith(arg: string): Promise<void> {
  try {
    await expect.poll(() => processesWithArg(arg), { timeout: 10_000 }).toEqual([]);
  } finally {
    for (const pid of processesWithArg(arg)) process.kill(pid, 'SIGKILL');
  }
}
