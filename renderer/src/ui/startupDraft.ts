import type { HostStartup } from '../../../common/contract/power';

/** A host's start order and delays as typed in a form (the VM detail's section, the Power view's dialog). */
export interface StartupDraft {
  order: string;
  up: string;
  down: string;
}

export function startupDraftOf(value: HostStartup | null): StartupDraft {
  if (!value) return { order: '', up: '0', down: '0' };
  return {
    order: value.order === null ? '' : String(value.order),
    up: String(value.upDelaySec),
    down: String(value.downDelaySec),
  };
}

export const validDelay = (text: string) => /^\d+$/.test(text.trim()) && Number(text) <= 3600;
/** Empty takes the host out of the order (it starts last, without delay). */
export const validOrder = (text: string) => text.trim() === '' || (/^\d+$/.test(text.trim()) && Number(text) <= 9999);
export const validStartup = (d: StartupDraft) => validOrder(d.order) && validDelay(d.up) && validDelay(d.down);

/** Only the fields the user changed, so a concurrent edit of another field is not overwritten. */
export function startupChange(
  value: HostStartup,
  d: StartupDraft,
): { order?: number | null; upDelaySec?: number; downDelaySec?: number } {
  const order = d.order.trim() === '' ? null : Number(d.order);
  return {
    ...(order !== value.order ? { order } : {}),
    ...(Number(d.up) !== value.upDelaySec ? { upDelaySec: Number(d.up) } : {}),
    ...(Number(d.down) !== value.downDelaySec ? { downDelaySec: Number(d.down) } : {}),
  };
}
