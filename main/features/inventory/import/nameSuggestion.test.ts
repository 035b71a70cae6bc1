import { describe, expect, it } from 'vitest';
import { isOutOfBand } from './oobWords';

describe('isOutOfBand', () => {
  it('knows a controller by its name or by notes that say out-of-band', () => {
    expect(isOutOfBand('dl360-ilo', '')).toBe(true);
    expect(isOutOfBand('r640-idrac2', undefined)).toBe(true);
    expect(isOutOfBand('oob-switch', 'HP DL360 Gen9带外管理')).toBe(true);
    expect(isOutOfBand('mgmt', 'Out-of-band console server')).toBe(true);
  });

  it('does not take a server whose notes mention its BMC for the BMC', () => {
    expect(isOutOfBand('zcloud', 'HP DL360 Gen9, iLO 4 advanced licence')).toBe(false);
    expect(isOutOfBand('pve1', 'Supermicro, IPMI on the shared NIC')).toBe(false);
  });
});
