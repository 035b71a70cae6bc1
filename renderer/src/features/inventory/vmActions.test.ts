import { describe, expect, it } from 'vitest';
import { isDestructive, vmActionsFor } from './vmActions';

describe('VM actions offered by live state', () => {
  it('offers only what fits the states of the chosen VMs', () => {
    expect(vmActionsFor(['shut off'])).toEqual(['on', 'cycle']);
    expect(vmActionsFor(['crashed'])).toEqual(['on', 'cycle']);
    expect(vmActionsFor(['running'])).toEqual(['soft', 'reboot', 'cycle', 'reset', 'off', 'suspend']);
    expect(vmActionsFor(['paused'])).toEqual(['soft', 'cycle', 'reset', 'off', 'resume']);
    // A mixed selection: whatever fits at least one of them.
    expect(vmActionsFor(['shut off', 'paused', 'running'])).toEqual([
      'on',
      'soft',
      'reboot',
      'cycle',
      'reset',
      'off',
      'suspend',
      'resume',
    ]);
  });

  it('offers every power action, but not pause or resume, while a state is not known', () => {
    expect(vmActionsFor([undefined])).toEqual(['on', 'soft', 'reboot', 'cycle', 'reset', 'off']);
    expect(vmActionsFor(['unknown'])).toEqual(['on', 'soft', 'reboot', 'cycle', 'reset', 'off']);
    expect(vmActionsFor([])).toEqual([]);
  });

  it('asks for a confirmation exactly where the Power view does', () => {
    expect(
      ['on', 'soft', 'reboot', 'cycle', 'reset', 'off', 'suspend', 'resume'].filter((a) => isDestructive(a as never)),
    ).toEqual(['soft', 'reboot', 'cycle', 'reset', 'off']);
  });
});
