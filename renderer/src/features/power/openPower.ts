import { navigate } from '../../app/navigation';

let handoff: number[] | null = null;

/** Opens the Power view with these hosts selected (for the hosts table's selection bar or context menu). */
export function openPowerFor(hostIds: readonly number[]): void {
  handoff = [...hostIds];
  navigate({ view: 'power', hostId: hostIds.length === 1 ? hostIds[0]! : null });
}

/** The selection handed over by `openPowerFor`, once. */
export function takeHandoff(): number[] {
  const ids = handoff ?? [];
  handoff = null;
  return ids;
}
