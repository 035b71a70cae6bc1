import { Terminal } from '@xterm/xterm';
import { HostKeyProblem } from '../../../../common/domain/hostKeyProblem';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { call } from '../../lib/api';
import { connectStream, type StreamConnection, type StreamEnd } from '../../lib/streams';
import { confirmAction } from './confirmations';
import { noteInput, OutputFeed } from './outputFeed';
import { currentTheme, onThemeChange } from './terminalTheme';
import { WebglRenderer } from './webglRenderer';

export type SessionState = 'connecting' | 'live' | 'ended';

export interface SessionCallbacks {
  /** Keystrokes typed into this terminal (the store decides where they go: here, or every broadcast target). */
  onInput(session: TerminalSession, data: Uint8Array): void;
  onChange(): void;
  /** Terminal-level shortcuts (search, zoom) the store handles; returns true when handled. */
  onShortcut(session: TerminalSession, event: KeyboardEvent): boolean;
}

/**
 * What kind of terminal it is, beyond an SSH shell: a console (VM serial via virsh, SOL through a BMC) opened by
 * another feature. Shown in its tab; `takeOver` is offered when opening was refused because someone else holds
 * the console (`conflict`). Labels are catalogue keys of the opening feature.
 */
export interface ConsoleKind {
  /** Catalogue key of the tab's badge, e.g. `console.kind.serial`. */
  kindKey: string;
  /** Catalogue key of a one-line hint shown above the terminal. */
  hintKey?: string;
  takeOver?: { messageKey: string; labelKey: string; run(session: TerminalSession): void };
}

let nextKey = 1;
const encoder = new TextEncoder();
/** Transport loss (server gone) is retried automatically; other ends wait for the user. */
const RETRY_MS = [500, 1000, 2000, 4000];

/**
 * One terminal: an xterm.js instance that lives as long as its tab (hidden tabs keep their scrollback) and the
 * remote shell behind it, reached over a flow-controlled byte stream.
 */
export class TerminalSession {
  readonly key = nextKey++;
  readonly term: Terminal;
  /** xterm renders into this element, which moves between panes without being re-created. */
  readonly element = document.createElement('div');
  readonly search = new SearchAddon();
  state: SessionState = 'connecting';
  title: string;
  endMessage = '';
  /** The code of the last end (null: a normal end), e.g. `conflict` when a console is held elsewhere. */
  endCode: string | null = null;
  /** Set when the last connect stopped at a host key nobody has trusted (unknown) or one that changed. */
  hostKey: { code: 'host_key_unknown' | 'host_key_mismatch'; problem: HostKeyProblem } | null = null;
  private readonly fit = new FitAddon();
  private readonly output: OutputFeed;
  private readonly webgl: WebglRenderer;
  private conn: StreamConnection | null = null;
  private streamId: string | null = null;
  private opened = false;
  private disposed = false;
  private retries = 0;
  private sentSize = '';
  private readonly offTheme: () => void;

  constructor(
    readonly hostId: number,
    hostName: string,
    fontSize: number,
    private readonly callbacks: SessionCallbacks,
    private readonly text: { ended: string; lost: string; reconnect: string; reconnecting: string },
    private readonly open = (cols: number, rows: number) => call('terminal.open', { hostId, cols, rows }),
    /** null: an SSH shell on `hostId`. */
    readonly console: ConsoleKind | null = null,
  ) {
    this.title = hostName;
    this.element.className = 'terminal-surface';
    this.term = new Terminal({
      allowProposedApi: true,
      fontSize,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace',
      scrollback: 10_000,
      theme: currentTheme(),
    });
    this.webgl = new WebglRenderer(this.term);
    this.output = new OutputFeed(this.term);
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(new WebLinksAddon((_event, uri) => void this.openLink(uri)));
    this.term.onData((data) => this.typed(encoder.encode(data)));
    this.term.onBinary((data) => this.typed(Uint8Array.from(data, (c) => c.charCodeAt(0))));
    this.term.onSelectionChange(() => {
      if (this.term.hasSelection()) void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {});
    });
    this.term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown') return true;
      // The app's view keys (Alt+1…9) work from inside a terminal: xterm would send them to the shell and stop them.
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) return false;
      if (event.ctrlKey && event.shiftKey && event.code === 'KeyV') return false; // the browser's paste event follows
      if (event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
        void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {});
        return false;
      }
      return !this.callbacks.onShortcut(this, event);
    });
    // Capture phase: see the paste before xterm's own textarea handler does, to warn about several lines.
    this.element.addEventListener('paste', (event) => this.onPaste(event), true);
    this.offTheme = onThemeChange((theme) => (this.term.options.theme = theme));
  }

  get live(): boolean {
    return this.state !== 'ended';
  }

  /** Opens the remote shell (again, after an end) at the terminal's current size. */
  async connect(): Promise<void> {
    this.state = 'connecting';
    this.callbacks.onChange();
    try {
      const { streamId, title } = await this.open(this.term.cols, this.term.rows);
      this.streamId = streamId;
      this.sentSize = `${this.term.cols}x${this.term.rows}`;
      this.title = title;
      this.state = 'live';
      this.hostKey = null;
      this.retries = 0;
      // Acks go to the stream the bytes came from, even if a reconnect replaced it meanwhile.
      const conn = connectStream(streamId, {
        onData: (chunk) => this.output.push(chunk, (bytes) => conn.processed(bytes)),
        onEnd: (end) => this.ended(end),
      });
      this.conn = conn;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'internal';
      const problem = HostKeyProblem.safeParse((error as { details?: unknown }).details);
      this.hostKey =
        (code === 'host_key_unknown' || code === 'host_key_mismatch') && problem.success
          ? { code, problem: problem.data }
          : null;
      this.ended({ code, message: (error as Error).message });
    }
    this.callbacks.onChange();
  }

  /** Moves the terminal into a visible pane. */
  show(parent: HTMLElement): void {
    parent.appendChild(this.element);
    if (!this.opened) {
      this.term.open(this.element);
      this.opened = true;
    }
    this.output.setForeground(true);
    this.webgl.enable();
    this.fitToPane();
  }

  /** Leaves the page; the Terminal (and its scrollback) stays. */
  hide(): void {
    this.output.setForeground(false);
    this.webgl.disable();
    this.element.remove();
  }

  fitToPane(): void {
    if (!this.element.isConnected || this.element.clientWidth === 0) return;
    this.fit.fit();
    const size = `${this.term.cols}x${this.term.rows}`;
    if (this.state === 'live' && this.streamId && size !== this.sentSize) {
      this.sentSize = size;
      void call('terminal.resize', { streamId: this.streamId, cols: this.term.cols, rows: this.term.rows }).catch(
        () => {},
      );
    }
  }

  setFontSize(size: number): void {
    this.term.options.fontSize = size;
    this.fitToPane();
  }

  /** Bytes for the remote shell, whether typed here or broadcast from another terminal. */
  send(data: Uint8Array): void {
    if (this.state === 'live') this.conn?.write(data);
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.conn?.close();
    this.conn = null;
    if (this.streamId) void call('terminal.close', { streamId: this.streamId }).catch(() => {});
    this.state = 'ended';
    this.disposed = true;
    this.offTheme();
    this.webgl.disable();
    this.term.dispose();
    this.element.remove();
  }

  private typed(data: Uint8Array): void {
    noteInput();
    if (this.state === 'ended') {
      // Enter on an ended terminal is the keyboard's reconnect.
      if (data.length === 1 && data[0] === 13) void this.connect();
      return;
    }
    this.callbacks.onInput(this, data);
  }

  private ended(end: StreamEnd): void {
    if (this.state === 'ended') return;
    this.conn = null;
    this.streamId = null;
    this.state = 'ended';
    this.endCode = end.code;
    const lost = end.code === 'unreachable';
    this.endMessage = lost ? this.text.lost : end.message || this.text.ended;
    this.note(`\r\n\x1b[1;33m[${this.endMessage}]\x1b[0m \x1b[2m${this.text.reconnect}\x1b[0m\r\n`);
    this.callbacks.onChange();
    if (lost && this.retries < RETRY_MS.length * 4) {
      const delay = RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)]!;
      this.retries++;
      setTimeout(() => {
        if (this.state !== 'ended' || this.disposed) return;
        this.note(`\x1b[2m${this.text.reconnecting}\x1b[0m\r\n`);
        void this.connect();
      }, delay);
    }
  }

  /** A line of our own, after the output still queued for xterm. */
  private note(text: string): void {
    this.output.push(encoder.encode(text), () => {});
  }

  private onPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!text || this.state !== 'live') return;
    if (!/[\r\n]/.test(text.replace(/[\r\n]+$/, ''))) return this.term.paste(text);
    void confirmAction('paste', text).then((ok) => ok && this.term.paste(text));
  }

  private async openLink(uri: string): Promise<void> {
    if (!/^https?:\/\//i.test(uri)) return;
    if (await confirmAction('link', uri)) window.open(uri, '_blank', 'noopener,noreferrer');
  }
}
