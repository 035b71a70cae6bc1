import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../common/contract';
import type { HostActionResult } from '../../../common/contract/power';
import type { Translate } from '../i18n/i18n';
import { onEvent } from '../lib/api';

type ProgressRow = EventPayload<'power.progress'>;

export interface BulkOperation {
  operationId: string;
  /** What the panel's title says is being done, in the language of the moment. */
  title: (t: Translate) => string;
  hostNames: readonly string[];
  progress: ReadonlyMap<number, ProgressRow>;
  finished: number;
  total: number;
  /** Per host, with the stage number for sequences (1-based; 0 for a single bulk action). */
  results: readonly (HostActionResult & { stage: number })[] | null;
  error: unknown;
  running: boolean;
}

/**
 * One bulk power operation at a time: its live per-host progress from `power.progress` (matched by an
 * operation id chosen here, before the call, so no early event is missed) and its final results.
 */
export function useBulkOperation() {
  const [op, setOp] = useState<BulkOperation | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent('power.progress', (p) => {
        if (p.operationId !== current.current) return;
        setOp((prev) =>
          prev && prev.operationId === p.operationId
            ? {
                ...prev,
                progress: new Map(prev.progress).set(p.hostId, p),
                finished: Math.max(prev.finished, p.finished),
                total: p.total,
              }
            : prev,
        );
      }),
    [],
  );

  const start = useCallback(
    async (
      title: (t: Translate) => string,
      hostNames: readonly string[],
      run: (operationId: string) => Promise<(HostActionResult & { stage: number })[]>,
    ) => {
      const operationId = newOperationId();
      current.current = operationId;
      setOp({
        operationId,
        title,
        hostNames,
        progress: new Map(),
        finished: 0,
        total: hostNames.length,
        results: null,
        error: null,
        running: true,
      });
      try {
        const results = await run(operationId);
        setOp((prev) => prev && { ...prev, results, running: false, finished: prev.total });
      } catch (error) {
        setOp((prev) => prev && { ...prev, error, running: false });
      }
    },
    [],
  );

  const dismiss = useCallback(() => {
    current.current = null;
    setOp(null);
  }, []);

  return { op, start, dismiss };
}

/** randomUUID exists only in secure contexts; a plain-http page on a LAN name is not one. */
function newOperationId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `op-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Starts a bulk operation and follows its progress (what power buttons call). */
export type BulkStart = ReturnType<typeof useBulkOperation>['start'];
