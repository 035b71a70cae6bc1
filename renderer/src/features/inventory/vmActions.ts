import type { PowerAction } from '../../../../common/domain/power';
import { DESTRUCTIVE_ACTIONS } from '../../../../common/domain/powerValues';
import type { DomainState } from '../../../../common/domain/virt';

/** VM lifecycle from the inventory: the power feature's actions (through libvirt) plus pause and resume. */
const VM_ACTIONS = ['on', 'soft', 'reboot', 'cycle', 'reset', 'off', 'suspend', 'resume'] as const;
export type VmAction = (typeof VM_ACTIONS)[number];

export const isPowerAction = (a: VmAction): a is PowerAction => a !== 'suspend' && a !== 'resume';
export const isDestructive = (a: VmAction): boolean => isPowerAction(a) && DESTRUCTIVE_ACTIONS.includes(a);

const STOPPED: readonly DomainState[] = ['shut off', 'crashed'];
const ACTIVE: readonly DomainState[] = ['running', 'idle', 'paused', 'in shutdown', 'pmsuspended'];

/**
 * The actions that make sense for at least one of these VMs, in menu order. A VM whose state is not known yet
 * (undefined or `unknown`) may be in any state: every power action is offered for it, pause and resume are not.
 */
export function vmActionsFor(states: readonly (DomainState | undefined)[]): VmAction[] {
  const any = (test: (s: DomainState | undefined) => boolean) => states.some(test);
  const unknown = (s: DomainState | undefined) => s === undefined || s === 'unknown';
  const offered: Record<VmAction, boolean> = {
    on: any((s) => unknown(s) || STOPPED.includes(s!)),
    soft: any((s) => unknown(s) || ACTIVE.includes(s!)),
    reboot: any((s) => unknown(s) || s === 'running' || s === 'idle'),
    cycle: any((s) => unknown(s) || ACTIVE.includes(s!) || STOPPED.includes(s!)),
    reset: any((s) => unknown(s) || ACTIVE.includes(s!)),
    off: any((s) => unknown(s) || ACTIVE.includes(s!)),
    suspend: any((s) => s === 'running' || s === 'idle'),
    resume: any((s) => s === 'paused'),
  };
  return VM_ACTIONS.filter((a) => offered[a]);
}
