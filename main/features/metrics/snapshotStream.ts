import { SNAPSHOT_BEGIN, SNAPSHOT_END } from './samplerScript';

/** One snapshot's sections by name (`/proc/stat`, `df`, `domstats`), each as its lines. */
export type Sections = Map<string, string[]>;

/** A snapshot larger than this is hostile or broken (a 256-core host's /proc/stat is ~40 KB): it is dropped. */
const MAX_SNAPSHOT_BYTES = 4 * 1024 * 1024;
const HEADER = /^==> (.+) <==$/;

/**
 * Splits the sampler's byte stream into snapshots, incrementally: chunks may cut lines anywhere; output before the
 * first marker (a login banner) or between snapshots (a stray error) is ignored.
 */
export class SnapshotStream {
  private partial = '';
  private sections: Sections | null = null;
  private current: string[] | null = null;
  private size = 0;
  private readonly decoder = new TextDecoder();

  constructor(private readonly onSnapshot: (sections: Sections) => void) {}

  push(chunk: Uint8Array): void {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_SNAPSHOT_BYTES) {
      this.partial = '';
      this.reset();
    }
    for (const line of lines) this.line(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  private line(line: string): void {
    if (line === SNAPSHOT_BEGIN) {
      this.sections = new Map();
      this.current = null;
      this.size = 0;
      return;
    }
    if (!this.sections) return;
    if (line === SNAPSHOT_END) {
      const done = this.sections;
      this.reset();
      this.onSnapshot(done);
      return;
    }
    this.size += line.length + 1;
    if (this.size > MAX_SNAPSHOT_BYTES) return this.reset();
    // Most lines are data: the header pattern runs only on lines that can be one.
    const header = line.startsWith('==> ') ? HEADER.exec(line) : null;
    if (header) {
      this.current = [];
      this.sections.set(header[1]!, this.current);
    } else if (this.current && line !== '') this.current.push(line);
  }

  /** Drops the snapshot being read; not `partial`: that is the start of the next line, maybe the next snapshot's. */
  private reset(): void {
    this.sections = null;
    this.current = null;
    this.size = 0;
  }
}
