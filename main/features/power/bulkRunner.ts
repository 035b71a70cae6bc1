import type { Host } from '../../../common/domain/host';
import type { PowerState } from '../../../common/domain/power';
import type { EventBus } from '../../platform/eventBus';
import { pool } from '../../platform/pool';

type Phase = 'queued' | 'sending' | 'waiting' | 'done' | 'failed';
export type Report = (phase: Phase, state: PowerState, message: string) => void;

/** Runs `work` for every host, at most `concurrency` at once, emitting `power.progress` for each step. */
export async function runBulk<T>(opts: {
  events: EventBus;
  operationId: string;
  action: string;
  hosts: Host[];
  concurrency: number;
  work: (host: Host, report: Report) => Promise<T>;
}): Promise<T[]> {
  const { events, operationId, action, hosts } = opts;
  let finished = 0;
  const reporter =
    (host: Host): Report =>
    (phase, state, message) => {
      if (phase === 'done' || phase === 'failed') finished++;
      events.emit('power.progress', {
        operationId,
        action,
        hostId: host.id,
        hostName: host.name,
        phase,
        state,
        message,
        finished,
        total: hosts.length,
      });
    };
  for (const host of hosts) reporter(host)('queued', 'unknown', '');
  return pool(hosts, opts.concurrency, (host) => opts.work(host, reporter(host)));
}
