import { useEffect, useState } from 'react';

/** State kept in localStorage under `key` (view preferences: columns, grouping, sort). */
export function usePersistentState<T>(key: string, initial: T, valid: (value: unknown) => value is T) {
  const [value, setValue] = useState<T>(() => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      return valid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage may be unavailable; the preference then lasts for this session.
    }
  }, [key, value]);
  return [value, setValue] as const;
}
