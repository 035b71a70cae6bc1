import { useCallback, useEffect, useState } from 'react';

interface Answer<T> {
  load: () => Promise<T>;
  round: number;
  value: T | null;
  error: unknown;
}

/**
 * Loads a value when `load` changes (callers memoize it) and on reload(); keeps the last value while reloading,
 * and never shows an answer for a previous `load` (another VM or hypervisor).
 */
export function useLoaded<T>(load: () => Promise<T>) {
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setAnswer({ load, round, value, error: null }),
      (error: unknown) =>
        live && setAnswer((prev) => ({ load, round, value: prev?.load === load ? prev.value : null, error })),
    );
    return () => {
      live = false;
    };
  }, [load, round]);
  const current = answer?.load === load ? answer : null;
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    value: current?.value ?? null,
    error: current?.error ?? null,
    loading: current?.round !== round,
    reload,
  };
}
