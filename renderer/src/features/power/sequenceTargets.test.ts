import { describe, expect, it } from 'vitest';
import { parseTargets, sequenceTargets } from './sequenceTargets';

describe('sequence targets', () => {
  it('splits on commas, spaces and new lines and drops empties', () => {
    expect(parseTargets(' nas-01, storage\n  compute-02 ,,')).toEqual(['nas-01', 'storage', 'compute-02']);
    expect(parseTargets('   ')).toEqual([]);
  });

  it('lists each target of every stage once, in stage order', () => {
    const stages = [
      { targets: ['storage', 'nas-01'], waitAfterSec: 60 },
      { targets: ['compute', 'nas-01'], waitAfterSec: 0 },
    ];
    expect(sequenceTargets({ stages })).toEqual(['storage', 'nas-01', 'compute']);
  });
});
