import { describe, expect, it, vi } from 'vitest';
import { createStore } from './store';

describe('createStore', () => {
  it('holds a value and tells every subscriber when it is replaced', () => {
    const store = createStore({ a: 1, b: 'x' });
    const first = vi.fn();
    const second = vi.fn();
    store.subscribe(first);
    const unsubscribe = store.subscribe(second);
    store.set({ a: 2, b: 'y' });
    expect(store.get()).toEqual({ a: 2, b: 'y' });
    expect(first).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.update({ a: 3 });
    expect(store.get()).toEqual({ a: 3, b: 'y' });
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('gives a new object on update, so React sees the change', () => {
    const store = createStore({ n: 0 });
    const before = store.get();
    store.update({ n: 1 });
    expect(store.get()).not.toBe(before);
    expect(before).toEqual({ n: 0 });
  });

  it('does no work until the first subscriber, then starts once', () => {
    const start = vi.fn();
    const store = createStore(0, { start });
    store.set(1);
    expect(start).not.toHaveBeenCalled();
    const off = store.subscribe(() => {});
    store.subscribe(() => {});
    off();
    store.subscribe(() => {});
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('lets a listener unsubscribe while being notified without skipping the others', () => {
    const store = createStore(0);
    const calls: string[] = [];
    const off = store.subscribe(() => {
      calls.push('a');
      off();
    });
    store.subscribe(() => calls.push('b'));
    store.set(1);
    store.set(2);
    expect(calls).toEqual(['a', 'b', 'b']);
  });
});
