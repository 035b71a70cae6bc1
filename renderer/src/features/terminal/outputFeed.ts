import type { Terminal } from '@xterm/xterm';

/**
 * Largest piece handed to xterm.js at once. xterm checks its time budget only between writes, so a 64 KiB frame
 * of a flood is parsed in one go; smaller pieces let another task (a keystroke's echo for another terminal) in
 * sooner.
 */
const PIECE = 16 * 1024;
/** A background terminal's output is written when the page is idle, and at the latest after this long. */
const IDLE_TIMEOUT_MS = 100;
/** After a keystroke in any terminal, background terminals wait this long for the typing to pause... */
const TYPING_MS = 300;
/**
 * ...but never longer than this between two of their pieces, so they still move (16 KiB/s at the least), in
 * pieces this small: an echo arriving while xterm parses a piece waits behind it. Traced next to a `yes` flood,
 * a 16 KiB piece took 2.3 ms of the page's main-thread CPU (up to 4.2 ms; more wall time on a loaded machine),
 * a 2 KiB one at most 1.6 ms.
 */
const STARVE_MS = 125;
const TYPING_PIECE = 2 * 1024;

let lastInputAt = -Infinity;

/** A keystroke went out: its echo comes first, background output waits (see OutputFeed). */
export function noteInput(): void {
  lastInputAt = performance.now();
}

const typing = () => performance.now() - lastInputAt < TYPING_MS;

interface Piece {
  bytes: Uint8Array;
  ack(bytes: number): void;
}

/**
 * Feeds one terminal's output to xterm.js, one piece at a time, acknowledging each after xterm processed it.
 * A terminal on screen is fed at once. A hidden one (another tab) is fed in the page's idle time, and not at all
 * while someone types (but for a 2 KiB piece every 125 ms), so its flood never holds back the echo of the terminal being
 * typed in: unfed, it is not acknowledged, and the server pauses that source at its high-water mark, which also
 * quiets the SSH connection, the service and the browser's network process the echo passes through. It still
 * gets every byte (its scrollback is complete when shown). Flow control is unchanged: what waits here is
 * unacknowledged, so this queue stays bounded by the high-water mark.
 */
export class OutputFeed {
  private readonly queue: Piece[] = [];
  private foreground = false;
  private writing = false;
  private idle: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the piece at the head of the queue started waiting. */
  private waitingSince = 0;

  constructor(private readonly term: Terminal) {}

  push(chunk: Uint8Array, ack: (bytes: number) => void): void {
    if (this.queue.length === 0) this.waitingSince = performance.now();
    for (let at = 0; at < chunk.byteLength; at += PIECE)
      this.queue.push({ bytes: chunk.subarray(at, at + PIECE), ack });
    this.next();
  }

  /** On screen (fed at once) or hidden (fed when idle). */
  setForeground(on: boolean): void {
    this.foreground = on;
    if (on) this.cancelWait();
    this.next();
  }

  private cancelWait(): void {
    if (this.idle !== null) cancelIdleCallback(this.idle);
    if (this.timer !== null) clearTimeout(this.timer);
    this.idle = null;
    this.timer = null;
  }

  private next(): void {
    if (this.writing || this.idle !== null || this.timer !== null || this.queue.length === 0) return;
    if (this.foreground) return this.writeOne();
    const now = performance.now();
    const typingFor = TYPING_MS - (now - lastInputAt);
    const starvingIn = STARVE_MS - (now - this.waitingSince);
    if (typingFor > 0 && starvingIn > 0) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.next();
        },
        Math.min(typingFor, starvingIn),
      );
      return;
    }
    this.idle = requestIdleCallback(
      () => {
        this.idle = null;
        this.writeOne();
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
  }

  private writeOne(): void {
    const head = this.queue[0];
    if (!head) return;
    const size = !this.foreground && typing() ? TYPING_PIECE : PIECE;
    const bytes = head.bytes.subarray(0, size);
    if (bytes.byteLength === head.bytes.byteLength) this.queue.shift();
    else head.bytes = head.bytes.subarray(size);
    this.writing = true;
    this.waitingSince = performance.now();
    this.term.write(bytes, () => {
      this.writing = false;
      head.ack(bytes.byteLength);
      this.next();
    });
  }
}
