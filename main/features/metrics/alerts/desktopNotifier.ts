import type { EventBus } from '../../../platform/eventBus';
import type { EventPayload } from '../../../../common/contract';

/** The part of Electron's Notification used here (injected: main/index.ts passes Electron's own). */
interface NotificationLike {
  show(): void;
}
export type NotificationFactory = (options: { title: string; body: string; silent?: boolean }) => NotificationLike;

/** Desktop notifications for alerts that fire outside quiet hours; returns the unsubscribe function. */
export function notifyAlertsOnDesktop(events: EventBus, create: NotificationFactory): () => void {
  return events.subscribe((event) => {
    if (event.name !== 'metrics.alert') return;
    const alert = event.payload as EventPayload<'metrics.alert'>;
    if (!alert.notify) return;
    create({
      title: `${alert.ruleName}: ${alert.hostName}${alert.label ? ` ${alert.label}` : ''}`,
      body: alert.message,
    }).show();
  });
}
