import type { Terminal } from '@xterm/xterm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noteInput, OutputFeed } from './outputFeed';

/** xterm's write as the feed sees it: takes bytes, calls back later (after parsing), in order. */
function recordingTerminal() {
  const writes: Uint8Array[] = [];
  const pending: (() => void)[] = [];
  const term = {
    write(data: Uint8Array, done: () => void) {
      writes.push(data);
      pending.push(done);
    },
  };
  return { term: term as unknown as Terminal, writes, parseNext: () => pending.shift()?.() };
}

const bytes = (n: number, fill = 0x79) => new Uint8Array(n).fill(fill);

describe('OutputFeed', () => {
  let idle: (() => void)[];
  beforeEach(() => {
    idle = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
    vi.stubGlobal('cancelIdleCallback', (id: number) => (idle[id - 1] = () => {}));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('feeds a terminal on screen at once, in pieces of at most 16 KiB, one at a time, acking each after xterm', () => {
    const { term, writes, parseNext } = recordingTerminal();
    const feed = new OutputFeed(term);
    feed.setForeground(true);
    const acked: number[] = [];
    feed.push(bytes(40 * 1024), (n) => acked.push(n));
    // One piece with xterm at a time: the rest waits (unacknowledged) until xterm is done with it.
    expect(writes.map((w) => w.byteLength)).toEqual([16 * 1024]);
    expect(acked).toEqual([]);
    parseNext();
    parseNext();
    parseNext();
    expect(writes.map((w) => w.byteLength)).toEqual([16 * 1024, 16 * 1024, 8 * 1024]);
    expect(acked).toEqual([16 * 1024, 16 * 1024, 8 * 1024]);
    expect(idle).toEqual([]);
  });

  it('feeds a hidden terminal only when the page is idle, keeping the order, and everything once shown', () => {
    const { term, writes, parseNext } = recordingTerminal();
    const feed = new OutputFeed(term);
    const acked: number[] = [];
    feed.push(bytes(20 * 1024, 1), (n) => acked.push(n));
    feed.push(bytes(10, 2), (n) => acked.push(n));
    expect(writes).toEqual([]);
    expect(idle).toHaveLength(1);
    idle.shift()!();
    expect(writes.map((w) => [w.byteLength, w[0]])).toEqual([[16 * 1024, 1]]);
    parseNext();
    // The next piece waits for the next idle period.
    expect(writes).toHaveLength(1);
    expect(idle).toHaveLength(1);
    // Shown again: the idle wait is dropped and the rest is fed at once.
    feed.setForeground(true);
    expect(writes.map((w) => [w.byteLength, w[0]])).toEqual([
      [16 * 1024, 1],
      [4 * 1024, 1],
    ]);
    parseNext();
    parseNext();
    expect(writes.map((w) => [w.byteLength, w[0]])).toEqual([
      [16 * 1024, 1],
      [4 * 1024, 1],
      [10, 2],
    ]);
    expect(acked).toEqual([16 * 1024, 4 * 1024, 10]);
  });

  it('holds a hidden terminal back while someone types, but for a 2 KiB piece every 125 ms', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { term, writes, parseNext } = recordingTerminal();
      const feed = new OutputFeed(term);
      const acked: number[] = [];
      vi.advanceTimersByTime(2000);
      noteInput();
      feed.push(bytes(64 * 1024), (n) => acked.push(n));
      // Someone types (a key every 50 ms): no feeding, not even when idle...
      vi.advanceTimersByTime(50);
      noteInput();
      vi.advanceTimersByTime(50);
      noteInput();
      expect(idle).toEqual([]);
      // ...until it has waited 125 ms: one small piece (a short parse for an echo to wait behind), typing or not.
      vi.advanceTimersByTime(25);
      expect(idle).toHaveLength(1);
      noteInput();
      idle.shift()!();
      parseNext();
      expect(writes.map((w) => w.byteLength)).toEqual([2 * 1024]);
      expect(acked).toEqual([2 * 1024]);
      vi.advanceTimersByTime(100);
      noteInput();
      expect(idle).toEqual([]);
      vi.advanceTimersByTime(25);
      expect(idle).toHaveLength(1);
      idle.shift()!();
      parseNext();
      // The typing pauses for 300 ms: fed again when idle, in full pieces (first the rest of the one begun).
      vi.advanceTimersByTime(300);
      expect(idle).toHaveLength(1);
      idle.shift()!();
      parseNext();
      expect(writes.map((w) => w.byteLength)).toEqual([2 * 1024, 2 * 1024, 12 * 1024]);
      expect(acked).toEqual([2 * 1024, 2 * 1024, 12 * 1024]);
    } finally {
      vi.useRealTimers();
    }
  });
});
