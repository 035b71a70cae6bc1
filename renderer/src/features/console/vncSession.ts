import type RFB from '@novnc/novnc';
import type { VncTarget } from '../../../../common/contract/console';
import { call } from '../../lib/api';
import { ApiError } from '../../lib/apiError';
import { VncChannel } from './vncChannel';

export type VncState = 'connecting' | 'password' | 'connected' | 'reconnecting' | 'ended';
export type ScaleMode = 'fit' | 'actual' | 'remote';

/** X11 keysyms for the key combinations the toolbar sends. */
export const KEYSYM = {
  controlL: 0xffe3,
  altL: 0xffe9,
  delete: 0xffff,
  backspace: 0xff08,
  f1: 0xffbe,
  superL: 0xffeb,
  printScreen: 0xff61,
} as const;

/** RFB Extended Clipboard: the text format and the "notify" action a server must announce to take UTF-8. */
const CLIPBOARD_TEXT = 1;
const CLIPBOARD_NOTIFY = 1 << 27;

/** Reconnect after a drop: these delays, then the user decides. */
const RETRY_MS = [1000, 2000, 5000, 10_000];
const RETRYABLE = new Set(['unreachable', 'timeout', 'remote_error']);
let nextKey = 1;

/**
 * One VNC console: asks main to open (and authenticate) the server, then runs noVNC's RFB on a channel over the
 * byte stream. noVNC is loaded on first use so the initial bundle does not carry it. A drop reconnects with a
 * visible countdown; a wrong password stops and asks, it never retries on its own.
 */
export class VncSession {
  readonly key = nextKey++;
  readonly kind = 'vnc';
  /** noVNC draws into this element, which moves between panes without being re-created. */
  readonly element = document.createElement('div');
  state: VncState = 'connecting';
  title: string;
  /** Why the last attempt ended or what went wrong (shown as-is; it comes from main). */
  message = '';
  passwordError = false;
  viewOnly = false;
  scale: ScaleMode = 'fit';
  /** Text the remote end last put on its clipboard. */
  remoteClipboard = '';
  desktopName = '';
  retryInSec = 0;
  private rfb: RFB | null = null;
  private streamId: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    readonly target: VncTarget,
    label: string,
    private readonly onChange: () => void,
  ) {
    this.title = label;
    this.element.className = 'console-screen';
  }

  get live(): boolean {
    return this.state === 'connected' || this.state === 'connecting';
  }

  async connect(password?: string, remember = false): Promise<void> {
    this.clearRetry();
    this.set('connecting');
    let opened;
    try {
      opened = await call('console.openVnc', { ...this.target, password, remember });
    } catch (error) {
      if (this.disposed) return;
      const e = error as ApiError;
      if (e instanceof ApiError && e.code === 'auth_failed') {
        this.passwordError = !(e.details as { needsPassword?: boolean } | undefined)?.needsPassword;
        this.message = e.message;
        return this.set('password');
      }
      this.message = e.message;
      return this.dropped(e instanceof ApiError && RETRYABLE.has(e.code));
    }
    if (this.disposed) {
      void call('console.close', { streamId: opened.streamId }).catch(() => {});
      return;
    }
    this.passwordError = false;
    this.title = opened.title;
    this.streamId = opened.streamId;
    const { default: RFBClass } = await import('@novnc/novnc');
    const channel = new VncChannel(opened.streamId);
    const rfb = new RFBClass(this.element, channel, { shared: true });
    this.rfb = rfb;
    this.applyView();
    rfb.addEventListener('connect', () => {
      this.retries = 0;
      this.message = '';
      this.set('connected');
      this.watchClipboardCaps(rfb);
    });
    rfb.addEventListener('disconnect', () => {
      if (this.rfb !== rfb) return;
      this.rfb = null;
      this.streamId = null;
      // Anything but our own close is a drop (a VM powered off, the SSH connection broke): try again.
      this.message = channel.end?.message ?? '';
      this.dropped(true);
    });
    rfb.addEventListener('clipboard', (event) => {
      this.remoteClipboard = (event as CustomEvent<{ text: string }>).detail.text;
      this.onChange();
    });
    rfb.addEventListener('desktopname', (event) => {
      this.desktopName = (event as CustomEvent<{ name: string }>).detail.name;
      this.onChange();
    });
  }

  setViewOnly(on: boolean): void {
    this.viewOnly = on;
    this.applyView();
    this.onChange();
  }

  setScale(mode: ScaleMode): void {
    this.scale = mode;
    this.applyView();
    this.onChange();
  }

  sendCtrlAltDel(): void {
    this.rfb?.sendCtrlAltDel();
  }

  /** Presses the modifiers, taps `key`, releases in reverse order. */
  sendCombo(modifiers: number[], key: number): void {
    const rfb = this.rfb;
    if (!rfb || this.viewOnly) return;
    for (const m of modifiers) rfb.sendKey(m, null, true);
    rfb.sendKey(key, null, true);
    rfb.sendKey(key, null, false);
    for (const m of [...modifiers].reverse()) rfb.sendKey(m, null, false);
  }

  /**
   * Whether the server announced RFB's Extended Clipboard (UTF-8 text, e.g. TigerVNC ≥ 1.10): noVNC then sends
   * any text; otherwise classic cut text carries Latin-1 only and noVNC turns every other character into "?".
   * noVNC keeps the announced capabilities private, so they are read defensively here.
   */
  get unicodeClipboard(): boolean {
    const caps = this.rfb as unknown as {
      _clipboardServerCapabilitiesFormats?: Record<number, boolean>;
      _clipboardServerCapabilitiesActions?: Record<number, boolean>;
    } | null;
    return Boolean(
      caps?._clipboardServerCapabilitiesFormats?.[CLIPBOARD_TEXT] &&
      caps._clipboardServerCapabilitiesActions?.[CLIPBOARD_NOTIFY],
    );
  }

  /**
   * A server announces its Extended Clipboard right after noVNC's SetEncodings, and noVNC has no event for it:
   * look a few times after connecting so the toolbar shows the right clipboard mode.
   */
  private watchClipboardCaps(rfb: RFB): void {
    let checks = 0;
    const look = () => {
      if (this.rfb !== rfb) return;
      if (this.unicodeClipboard) return this.onChange();
      if (++checks < 20) setTimeout(look, 250);
    };
    setTimeout(look, 100);
  }

  pasteToRemote(text: string): void {
    this.rfb?.clipboardPasteFrom(text);
  }

  focus(): void {
    this.rfb?.focus({ preventScroll: true });
  }

  screenshot(): Promise<Blob | null> {
    const rfb = this.rfb;
    if (!rfb) return Promise.resolve(null);
    return new Promise((resolve) => rfb.toBlob(resolve, 'image/png'));
  }

  /** The user declined to give a password: stop here; Reconnect asks again. */
  cancelPassword(): void {
    this.message = '';
    this.set('ended');
  }

  /** Closes the console; a pending reconnect is cancelled. */
  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    const streamId = this.streamId;
    this.rfb?.disconnect();
    this.rfb = null;
    if (streamId) void call('console.close', { streamId }).catch(() => {});
    this.state = 'ended';
    this.element.remove();
  }

  private applyView(): void {
    const rfb = this.rfb;
    if (!rfb) return;
    rfb.viewOnly = this.viewOnly;
    rfb.scaleViewport = this.scale === 'fit';
    rfb.clipViewport = false;
    rfb.resizeSession = this.scale === 'remote';
    rfb.background = 'var(--console-background, #111)';
  }

  private dropped(retry: boolean): void {
    if (this.disposed) return;
    if (!retry || this.retries >= RETRY_MS.length) return this.set('ended');
    const delay = RETRY_MS[this.retries++]!;
    this.retryInSec = Math.round(delay / 1000);
    this.set('reconnecting');
    const tick = () => {
      this.retryInSec--;
      if (this.retryInSec <= 0) return void this.connect();
      this.onChange();
      this.retryTimer = setTimeout(tick, 1000);
    };
    this.retryTimer = setTimeout(tick, 1000);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private set(state: VncState): void {
    this.state = state;
    this.onChange();
  }
}
