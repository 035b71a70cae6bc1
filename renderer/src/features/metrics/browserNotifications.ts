import { onEvent, transportKind } from '../../lib/api';

const KEY = 'labvisor.metrics.browserNotifications';
let off: (() => void) | null = null;

export function notificationsEnabled(): boolean {
  try {
    return (
      localStorage.getItem(KEY) === '1' && typeof Notification !== 'undefined' && Notification.permission === 'granted'
    );
  } catch {
    return false;
  }
}

function listen(): void {
  off ??= onEvent('metrics.alert', (a) => {
    if (a.notify) new Notification(`${a.ruleName}: ${a.hostName}${a.label ? ` ${a.label}` : ''}`, { body: a.message });
  });
}

/**
 * Under `serve` only (the desktop app notifies from main): asks the browser's permission when the user turns this
 * on, never before. Resolves whether notifications are now on.
 */
export async function setNotificationsEnabled(on: boolean): Promise<boolean> {
  if (!on || transportKind() !== 'ws' || typeof Notification === 'undefined') {
    off?.();
    off = null;
    localStorage.setItem(KEY, '0');
    return false;
  }
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return false;
  localStorage.setItem(KEY, '1');
  listen();
  return true;
}

/** Resumes notifications after a reload if the user had turned them on. */
export function resumeNotifications(): void {
  if (transportKind() === 'ws' && notificationsEnabled()) listen();
}
