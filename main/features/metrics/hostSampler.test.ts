import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectorState } from '../../../common/contract/metrics';
import { AppError } from '../../../common/result';
import { HostSampler } from './hostSampler';

// The SSH side is the one thing replaced here: each open is settled by the test, to place a person's fix (a key
// trusted) exactly while an attempt is still on its way.
function opener() {
  const attempts: { reject(e: Error): void }[] = [];
  const states: CollectorState[] = [];
  const deps = {
    openStream: () => new Promise<never>((_resolve, reject) => attempts.push({ reject })),
    onSample: () => {},
    onState: (s: CollectorState) => void states.push(s),
  };
  return { deps, attempts, states };
}

/** Settles whatever attempt is still open (stop waits for it), then stops. */
async function stopAll(sampler: HostSampler, attempts: { reject(e: Error): void }[]) {
  for (const a of attempts) a.reject(new AppError('unreachable', 'test over'));
  await sampler.stop();
}

describe('host sampler retries', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a key trusted while the first login was on its way is used within seconds, not after 5 minutes', async () => {
    const { deps, attempts } = opener();
    const sampler = new HostSampler(1, { intervalSec: 1, domstats: null }, deps);
    expect(attempts).toHaveLength(1);
    sampler.retryNow();
    attempts[0]!.reject(new AppError('host_key_unknown', 'host key of 127.0.0.1:22 is not trusted yet'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts).toHaveLength(2);
    await stopAll(sampler, attempts);
  });

  it('without a fix, a login that needs a person waits (and says so) instead of hammering the host', async () => {
    const { deps, attempts, states } = opener();
    const sampler = new HostSampler(1, { intervalSec: 1, domstats: null }, deps);
    attempts[0]!.reject(new AppError('auth_failed', 'permission denied'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toHaveLength(1);
    expect(states.at(-1)?.state).toBe('failed');
    // The person stores the secret: it tries at once.
    sampler.retryNow();
    expect(attempts).toHaveLength(2);
    await stopAll(sampler, attempts);
  });
});
