import type { Handlers } from '../../../common/contract';
import type { metricsCommands } from '../../../common/contract/metrics';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { AppServices } from '../../app/services';

export function metricsHandlers({
  metrics,
  inventory,
  audit,
}: Pick<AppServices, 'metrics' | 'inventory' | 'audit'>): Handlers<typeof metricsCommands> {
  const host = (ref: string | number): Host => {
    const found = typeof ref === 'number' ? inventory.get(ref) : inventory.find(ref);
    if (!found) throw new AppError('not_found', `no host named ${ref}`);
    return found;
  };
  return {
    'metrics.latest': ({ host: ref }) => metrics.latest(host(ref)),
    'metrics.history': ({ host: ref, range, keys }) => metrics.history(host(ref), range, keys),
    'metrics.overview': ({ hostIds }) => metrics.overview(hostIds),
    'metrics.dashboard': ({ top }) => metrics.dashboard(top),
    'metrics.watch': ({ hostIds, intervalSec, watchId }, ctx) =>
      metrics.watch(hostIds, intervalSec, watchId, ctx.client),
    'metrics.unwatch': ({ watchId }) => ({ stopped: metrics.unwatch(watchId) }),
    'metrics.settings': () => ({ ...metrics.settings(), storage: metrics.storage() }),
    'metrics.setSettings': (changes, ctx) => {
      const before = metrics.settings();
      const after = metrics.setSettings(changes);
      audit.append({ door: ctx.door, action: 'metrics.setSettings', before, after, result: 'ok' });
      return after;
    },
    'metrics.alerts': ({ limit }) => ({
      alerts: metrics.alerts.repo.list(limit),
      unacknowledged: metrics.alerts.repo.unacknowledged(),
      lastSampleAt: metrics.store.newestSampleAt(),
    }),
    'metrics.acknowledgeAlert': ({ id }, ctx) => metrics.alerts.acknowledge(id, ctx.door),
    'metrics.alertRules': () => metrics.alerts.rules(),
    'metrics.saveAlertRule': (rule, ctx) => metrics.alerts.saveRule(rule, ctx.door),
    'metrics.deleteAlertRule': ({ id }, ctx) => ({ removed: metrics.alerts.deleteRule(id, ctx.door) }),
  };
}
