import { useSyncExternalStore } from 'react';

/**
 * A module store: one value, replaced (never mutated) on change, watched by React through `useStore`. Creating
 * one does no work; `start` (if given) runs when the first listener subscribes, so a module that only imports a
 * store fetches nothing and registers nothing, and a test drives it by hand.
 */
export interface Store<T> {
  get(): T;
  set(next: T): void;
  /** Shallow-merges `changes` into an object value. */
  update(changes: Partial<T>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T, options: { start?: () => void } = {}): Store<T> {
  let value = initial;
  let started = false;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    value = next;
    for (const l of [...listeners]) l();
  };
  return {
    get: () => value,
    set,
    update: (changes) => set({ ...value, ...changes }),
    subscribe(listener) {
      listeners.add(listener);
      if (!started && options.start) {
        started = true;
        options.start();
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
