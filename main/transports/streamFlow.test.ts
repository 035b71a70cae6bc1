import { describe, expect, it, vi } from 'vitest';
import type { ByteStream, StreamEnd } from '../platform/byteStreams';
import { attachFlow, STREAM_MAX_FRAME } from './streamFlow';

/** A source the test drives by hand (the flow controller is what is under test, not a stream). */
function source() {
  let data: ((chunk: Uint8Array) => void) | null = null;
  let end: ((e: StreamEnd) => void) | null = null;
  const stream = {
    id: 's',
    kind: 'test',
    write: vi.fn(),
    onData: (l: (chunk: Uint8Array) => void) => ((data = l), () => (data = null)),
    onEnd: (l: (e: StreamEnd) => void) => ((end = l), () => (end = null)),
    pause: vi.fn(),
    resume: vi.fn(),
    close: vi.fn(),
  } satisfies ByteStream;
  return {
    stream,
    emit: (bytes: number) => data?.(new Uint8Array(bytes).fill(120)),
    finish: (e: StreamEnd) => end?.(e),
  };
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('stream flow', () => {
  it('sends the chunks of one event-loop turn as one frame, a lone chunk in the same turn, a burst a little later', () => {
    vi.useFakeTimers({ toFake: ['setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'performance'] });
    try {
      const src = source();
      const frames: number[] = [];
      attachFlow(src.stream, { sendData: (c) => frames.push(c.byteLength), sendEnd: () => {} });
      for (let i = 0; i < 10; i++) src.emit(1000);
      expect(frames).toEqual([]);
      vi.advanceTimersByTime(0);
      expect(frames).toEqual([10_000]);
      // A keystroke's echo, long after the last frame: the same turn.
      vi.advanceTimersByTime(200);
      src.emit(1);
      vi.advanceTimersByTime(0);
      expect(frames).toEqual([10_000, 1]);
      // Output right behind the last frame is a flood going on: gathered for a moment.
      src.emit(1000);
      vi.advanceTimersByTime(0);
      src.emit(1000);
      vi.advanceTimersByTime(0);
      expect(frames).toEqual([10_000, 1]);
      vi.advanceTimersByTime(2);
      expect(frames).toEqual([10_000, 1, 2000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never builds a frame larger than the cap', async () => {
    const src = source();
    const frames: number[] = [];
    attachFlow(src.stream, { sendData: (c) => frames.push(c.byteLength), sendEnd: () => {} });
    for (let i = 0; i < 20; i++) src.emit(16 * 1024);
    // The rest follows shortly: the viewer is behind by the first frame by then.
    await vi.waitFor(() => expect(frames.reduce((a, b) => a + b, 0)).toBe(20 * 16 * 1024), { interval: 1 });
    expect(frames.every((f) => f <= STREAM_MAX_FRAME)).toBe(true);
  });

  it('gathers the chunks of several turns while the viewer is behind, and sends at once again when it caught up', () => {
    vi.useFakeTimers({ toFake: ['setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'performance'] });
    try {
      const src = source();
      const frames: number[] = [];
      const flow = attachFlow(src.stream, { sendData: (c) => frames.push(c.byteLength), sendEnd: () => {} });
      src.emit(200 * 1024);
      vi.advanceTimersByTime(0);
      expect(frames).toEqual([200 * 1024]);
      // 200 KiB not yet acknowledged: the viewer has plenty to parse, a frame of 1000 bytes would only cost it a task.
      vi.advanceTimersByTime(100);
      src.emit(1000);
      vi.advanceTimersByTime(2);
      src.emit(1000);
      vi.advanceTimersByTime(1);
      expect(frames).toEqual([200 * 1024]);
      vi.advanceTimersByTime(1);
      expect(frames).toEqual([200 * 1024, 2000]);
      flow.ack(200 * 1024 + 2000);
      vi.advanceTimersByTime(100);
      src.emit(1);
      vi.advanceTimersByTime(0);
      expect(frames).toEqual([200 * 1024, 2000, 1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts bytes waiting to be coalesced as unacknowledged: pauses above the high mark, resumes below the low', async () => {
    const src = source();
    const flow = attachFlow(src.stream, { sendData: () => {}, sendEnd: () => {} }, { high: 5000, low: 2000 });
    src.emit(3000);
    src.emit(3000);
    expect(src.stream.pause).toHaveBeenCalledTimes(1);
    await nextTurn();
    flow.ack(3000);
    expect(src.stream.resume).not.toHaveBeenCalled();
    flow.ack(2000);
    expect(src.stream.resume).toHaveBeenCalledTimes(1);
  });

  it('sends what is pending before the end, and nothing after a detach', async () => {
    const src = source();
    const sent: string[] = [];
    attachFlow(src.stream, {
      sendData: (c) => sent.push(`data ${c.byteLength}`),
      sendEnd: (e) => sent.push(`end ${e.message}`),
    });
    src.emit(10);
    src.finish({ code: null, message: 'exited' });
    expect(sent).toEqual(['data 10', 'end exited']);

    const other = source();
    const after: number[] = [];
    const detached = attachFlow(other.stream, { sendData: (c) => after.push(c.byteLength), sendEnd: () => {} });
    other.emit(10);
    detached.detach();
    await nextTurn();
    expect(after).toEqual([]);
  });
});
