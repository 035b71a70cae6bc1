import type { AppServices } from '../../app/services';

/** How long the server must have had no request before it opens the services on its own. */
const QUIET_MS = 25;

/**
 * When `labvisor serve`'s services open (SQLite, migrations, the vault), given as an opener: not before the
 * page's files have gone out. A browser fetches the page and its modules in a burst, then spends a while
 * running them; the services open in that pause, on this one thread, instead of holding up the files. They open
 * at once when a request needs them (a WebSocket, `/metrics`), and whoever needs them waits.
 */
export class ServicesGate {
  private services: AppServices | null = null;
  private opening: Promise<AppServices> | null = null;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private resolveOpened!: (services: AppServices) => void;
  private rejectOpened!: (error: unknown) => void;
  /** Settles once: with the services, or with the reason they could not be opened. */
  readonly opened = new Promise<AppServices>((resolve, reject) => {
    this.resolveOpened = resolve;
    this.rejectOpened = reject;
  });

  constructor(
    private readonly source: AppServices | (() => Promise<AppServices>),
    private readonly quietMs = QUIET_MS,
  ) {
    this.opened.catch(() => undefined); // reported to whoever awaits `opened` or `need()`
    if (typeof source !== 'function') {
      this.services = source;
      this.opening = this.opened;
      this.resolveOpened(source);
    }
  }

  /** The services if they are open. */
  current(): AppServices | null {
    return this.services;
  }

  /** The services, opening them now if that has not begun. */
  need(): Promise<AppServices> {
    clearTimeout(this.timer);
    if (!this.opening && typeof this.source === 'function') {
      const open = this.source;
      this.settle(Promise.resolve().then(open));
    }
    return this.opened;
  }

  requestStarted(): void {
    this.inFlight++;
    clearTimeout(this.timer);
  }

  requestEnded(): void {
    this.inFlight--;
    this.whenQuiet();
  }

  /** Opens the services once no request has been running for `quietMs` (from now, or from the last one). */
  whenQuiet(): void {
    clearTimeout(this.timer);
    if (this.opening || this.inFlight > 0) return;
    this.timer = setTimeout(() => void this.need().catch(() => undefined), this.quietMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private settle(opening: Promise<AppServices>): void {
    this.opening = opening;
    opening.then(
      (services) => {
        this.services = services;
        this.resolveOpened(services);
      },
      (error: unknown) => this.rejectOpened(error),
    );
  }
}
