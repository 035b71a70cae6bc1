import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../../common/result';
import type { Logger } from '../../platform/log';
import { directConnect, KEPT_SOCKETS, PinnedTlsAgent, type CertificateCheck, type ConnectFn } from './pinnedTlsAgent';

export interface RedfishTimeouts {
  connectMs: number;
  /** One request; iLO takes seconds to answer after firmware operations. */
  requestMs: number;
  /** How often a 503 (BMC busy) is retried, with doubling backoff from `backoffMs`. */
  busyRetries: number;
  backoffMs: number;
}

export const DEFAULT_REDFISH_TIMEOUTS: RedfishTimeouts = {
  connectMs: 10_000,
  requestMs: 30_000,
  busyRetries: 4,
  backoffMs: 500,
};

export interface RedfishClientOptions {
  /** Names the BMC in error messages (the inventory host name). */
  label: string;
  address: string;
  port: number;
  user: string;
  password: string;
  check: CertificateCheck;
  connect?: ConnectFn;
  timeouts?: Partial<RedfishTimeouts>;
  log?: Logger;
  /** The clock sessions age by (tests and benchmarks move it). */
  now?: () => number;
}

export interface RedfishResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Auth =
  | {
      kind: 'session';
      token: string;
      location: string;
      /** The service's SessionTimeout: a session idle that long is gone (DSP0266 13.3.4). */
      idleTimeoutMs: number;
    }
  | { kind: 'basic' };

const SESSIONS_DEFAULT = '/redfish/v1/SessionService/Sessions/';
/** DSP0266's default SessionTimeout, assumed when the SessionService does not say. */
const DEFAULT_SESSION_TIMEOUT_S = 1800;
/** A session is renewed this much before the BMC would expire it, so no request meets the expiry. */
const EXPIRY_MARGIN = 0.9;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * HTTPS to one Redfish service: pinned certificate, a session (`X-Auth-Token`, deleted on close) or Basic auth
 * where sessions are unavailable, 503 retried with backoff, and iLO 4's trailing-slash habits tolerated.
 * A session is kept while the client lives: renewed on 401 or once idle for the service's SessionTimeout.
 */
export class RedfishClient {
  private readonly agent: PinnedTlsAgent;
  private readonly timeouts: RedfishTimeouts;
  private readonly now: () => number;
  private auth: Auth | null = null;
  private loggingIn: Promise<Auth> | null = null;
  private lastUsed = 0;
  /** The service root read at the last login (it proved the certificate), reused by discovery. */
  private serviceRoot: Record<string, unknown> | null = null;
  /** How many times this client logged in (a new session each: discovery made under an older one is redone). */
  logins = 0;

  constructor(private readonly opts: RedfishClientOptions) {
    this.timeouts = { ...DEFAULT_REDFISH_TIMEOUTS, ...opts.timeouts };
    this.now = opts.now ?? Date.now;
    this.agent = new PinnedTlsAgent(
      {
        address: opts.address,
        port: opts.port,
        connect: opts.connect ?? directConnect,
        connectTimeoutMs: this.timeouts.connectMs,
      },
      opts.check,
    );
  }

  /** The session in use (`basic` when the service has none), for tests and diagnostics. */
  get authKind(): Auth['kind'] | null {
    return this.auth?.kind ?? null;
  }

  get(path: string): Promise<Record<string, unknown>> {
    return this.call('GET', path).then((r) => r.body);
  }

  post(path: string, body: unknown): Promise<RedfishResponse> {
    return this.call('POST', path, body);
  }

  patch(path: string, body: unknown): Promise<RedfishResponse> {
    return this.call('PATCH', path, body);
  }

  /**
   * Changes a resource the way services that guard writes expect (DSP0266 "ETags"): GET it, PATCH what `change`
   * makes of its current state with `If-Match` set to its ETag (header or `@odata.etag`). A 412 (someone changed
   * it meanwhile) or 428 (an ETag was required) is retried once after a fresh GET; a service that demands
   * If-Match but gives no ETag gets `*`.
   */
  async patchResource(path: string, change: (current: Record<string, unknown>) => unknown): Promise<RedfishResponse> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.call('GET', path);
      const header = current.headers.etag;
      const etag = typeof header === 'string' ? header : current.body['@odata.etag'];
      const ifMatch = typeof etag === 'string' && etag ? etag : attempt > 0 ? '*' : null;
      try {
        return await this.call('PATCH', path, change(current.body), ifMatch ? { 'If-Match': ifMatch } : {});
      } catch (error) {
        const status = ((error as AppError).details as { status?: number } | undefined)?.status;
        if (attempt === 0 && (status === 412 || status === 428)) continue;
        throw error;
      }
    }
  }

  /** The service root, which Redfish serves without authentication. */
  root(): Promise<Record<string, unknown>> {
    return this.send('GET', '/redfish/v1/', undefined, null).then((r) => this.expectOk('GET', '/redfish/v1/', r).body);
  }

  /** The root as read when this session began (no request), or read now. */
  async sessionRoot(): Promise<Record<string, unknown>> {
    await this.login();
    return this.serviceRoot ?? this.root();
  }

  /**
   * Logs out (deletes the session) and closes the connections; a later call logs in again. With `trustedAs`, the
   * logout goes only to a BMC presenting that certificate (the one the session was made over) whatever the pins
   * say now: the host, and with it its pin, may be gone.
   */
  async close(trustedAs?: string): Promise<void> {
    if (trustedAs) this.agent.trustOnly(trustedAs);
    const auth = this.auth;
    this.auth = null;
    this.serviceRoot = null;
    try {
      if (auth?.kind === 'session') await this.send('DELETE', auth.location, undefined, auth);
    } catch (error) {
      this.opts.log?.debug('redfish logout failed', { bmc: this.opts.label, error: String(error) });
    } finally {
      this.agent.destroy();
    }
  }

  /** An authenticated call; a lapsed session is renewed once, and a path missing its trailing slash retried. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RedfishResponse> {
    let auth = await this.login();
    let res = await this.send(method, path, body, auth, headers);
    if (res.status === 404) {
      const toggled = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      const again = await this.send(method, toggled, body, auth, headers);
      if (again.status !== 404) res = again;
    }
    if (res.status === 401 && auth.kind === 'session') {
      this.auth = null;
      auth = await this.login();
      res = await this.send(method, path, body, auth, headers);
    }
    if (res.status === 401 || res.status === 403)
      throw new AppError('auth_failed', `${this.opts.label}: the BMC refused the credentials (HTTP ${res.status})`);
    return this.expectOk(method, path, res);
  }

  private login(): Promise<Auth> {
    const auth = this.auth;
    // A session idle for its timeout is gone at the BMC: start a new one rather than meet a 401 first.
    if (auth?.kind === 'session' && this.now() - this.lastUsed > auth.idleTimeoutMs * EXPIRY_MARGIN) this.auth = null;
    if (this.auth) {
      this.lastUsed = this.now();
      return Promise.resolve(this.auth);
    }
    this.loggingIn ??= this.createSession()
      .then((created) => {
        this.lastUsed = this.now();
        return created;
      })
      .finally(() => (this.loggingIn = null));
    return this.loggingIn;
  }

  private async createSession(): Promise<Auth> {
    // Reading the root first costs one request and proves the certificate before a password is sent.
    const root = await this.root();
    const links = root.Links as { Sessions?: { '@odata.id'?: string } } | undefined;
    const sessions = links?.Sessions?.['@odata.id'] ?? SESSIONS_DEFAULT;
    const res = await this.send('POST', sessions, { UserName: this.opts.user, Password: this.opts.password }, null);
    if (res.status === 401 || res.status === 403)
      throw new AppError('auth_failed', `${this.opts.label}: the BMC refused the user name or password`);
    const token = res.headers['x-auth-token'];
    this.logins += 1;
    this.serviceRoot = root;
    if (res.status < 300 && typeof token === 'string') {
      const location = res.headers.location ?? (res.body['@odata.id'] as string | undefined) ?? '';
      const session = { kind: 'session' as const, token, location: new URL(location, 'https://bmc').pathname };
      this.auth = { ...session, idleTimeoutMs: await this.sessionTimeoutMs(root, session) };
    } else if ([404, 405, 501].includes(res.status) || res.status < 300) {
      this.auth = { kind: 'basic' };
    } else {
      this.expectOk('POST', sessions, res);
    }
    return this.auth!;
  }

  /** The SessionService's SessionTimeout (read once per login), or DSP0266's default where it is not given. */
  private async sessionTimeoutMs(
    root: Record<string, unknown>,
    auth: Omit<Auth & { kind: 'session' }, 'idleTimeoutMs'>,
  ) {
    const path = (root.SessionService as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
    let seconds = DEFAULT_SESSION_TIMEOUT_S;
    if (typeof path === 'string') {
      const res = await this.send('GET', path, undefined, { ...auth, idleTimeoutMs: 0 });
      const timeout = res.status < 300 ? res.body.SessionTimeout : undefined;
      if (typeof timeout === 'number' && timeout > 0) seconds = timeout;
    }
    return seconds * 1000;
  }

  private expectOk(method: string, path: string, res: RedfishResponse): RedfishResponse {
    if (res.status < 300) return res;
    throw new AppError(
      'remote_error',
      `${this.opts.label}: ${method} ${path} failed with HTTP ${res.status}: ${errorMessage(res.body)}`,
      { status: res.status, messageIds: messageIds(res.body) },
    );
  }

  /** One request, retried while the BMC answers 503 (busy), e.g. for a while after a firmware update. */
  private async send(
    method: string,
    path: string,
    body: unknown,
    auth: Auth | null,
    extraHeaders: Record<string, string> = {},
  ): Promise<RedfishResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.once(method, path, body, auth, extraHeaders);
      if (res.status !== 503 || attempt >= this.timeouts.busyRetries) return res;
      const retryAfter = Number(res.headers['retry-after']) * 1000;
      const backoff = this.timeouts.backoffMs * 2 ** attempt;
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, backoff * 4) : backoff);
    }
  }

  private once(
    method: string,
    path: string,
    body: unknown,
    auth: Auth | null,
    extraHeaders: Record<string, string>,
    /** Kept-alive sockets found closed so far; each is retried, since nothing reached the BMC. */
    staleSockets = 0,
  ): Promise<RedfishResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {
      Accept: 'application/json',
      'OData-Version': '4.0',
      ...extraHeaders,
    };
    if (payload) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': payload.length });
    if (auth?.kind === 'session') headers['X-Auth-Token'] = auth.token;
    if (auth?.kind === 'basic')
      headers.Authorization = `Basic ${Buffer.from(`${this.opts.user}:${this.opts.password}`).toString('base64')}`;
    const where = `${this.opts.label}: ${method} ${path}`;
    return new Promise<RedfishResponse>((resolve, reject) => {
      const req = httpRequest(
        { agent: this.agent, host: this.opts.address, port: this.opts.port, method, path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: Record<string, unknown> = {};
            try {
              if (text.trim()) json = JSON.parse(text) as Record<string, unknown>;
            } catch {
              json = { error: { message: text.slice(0, 200) } };
            }
            this.opts.log?.debug('redfish', { bmc: this.opts.label, method, path, status: res.statusCode });
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json });
          });
        },
      );
      req.setTimeout(this.timeouts.requestMs, () =>
        req.destroy(new AppError('timeout', `${where}: no answer in ${this.timeouts.requestMs} ms`)),
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the BMC closed meanwhile, or the agent stopped (its certificate is no longer trusted):
        // nothing reached the BMC, so a retry is safe. Each kept socket is met at most once, then a new one opens.
        if (staleSockets < KEPT_SOCKETS && req.reusedSocket && error.code === 'ECONNRESET')
          resolve(this.once(method, path, body, auth, extraHeaders, staleSockets + 1));
        else reject(error instanceof AppError ? error : new AppError('unreachable', `${where}: ${error.message}`));
      });
      req.end(payload);
    });
  }
}

function errorMessage(body: Record<string, unknown>): string {
  const error = body.error as {
    message?: string;
    '@Message.ExtendedInfo'?: { Message?: string; MessageId?: string }[];
  };
  const extended = (error?.['@Message.ExtendedInfo'] ?? []).map((m) => m.Message ?? m.MessageId).filter(Boolean);
  return [error?.message, ...extended].filter(Boolean).join('; ') || 'no message';
}

function messageIds(body: Record<string, unknown>): string[] {
  const error = body.error as { code?: string; '@Message.ExtendedInfo'?: { MessageId?: string }[] } | undefined;
  return [error?.code, ...(error?.['@Message.ExtendedInfo'] ?? []).map((m) => m.MessageId)].filter(
    (id): id is string => typeof id === 'string',
  );
}
