import type { PowerSequence } from '../../../../common/contract/power';

/** Host names, clusters or tags, separated by commas, spaces or new lines. */
export function parseTargets(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every target of every stage once, in order: what a run of the sequence is resolved (and confirmed) against. */
export function sequenceTargets(sequence: {
  stages: Pick<PowerSequence['stages'][number], 'targets'>[];
}): (string | number)[] {
  return [...new Set(sequence.stages.flatMap((s) => s.targets))];
}
