import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../../common/result';
import type { Logger } from '../../platform/log';
import { directConnect, PinnedTlsAgent, type CertificateCheck, type ConnectFn } from './pinnedTlsAgent';

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
}

export interface RedfishResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

type Auth = { kind: 'session'; token: string; location: string } | { kind: 'basic' };

const SESSIONS_DEFAULT = '/redfish/v1/SessionService/Sessions/';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * HTTPS to one Redfish service: pinned certificate, a session (`X-Auth-Token`, deleted on close) or Basic auth
 * where sessions are unavailable, 503 retried with backoff, and iLO 4's trailing-slash habits tolerated.
 */
export class RedfishClient {
  private readonly agent: PinnedTlsAgent;
  private readonly timeouts: RedfishTimeouts;
  private auth: Auth | null = null;
  private loggingIn: Promise<Auth> | null = null;

  constructor(private readonly opts: RedfishClientOptions) {
    this.timeouts = { ...DEFAULT_REDFISH_TIMEOUTS, ...opts.timeouts };
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

  /** Logs out (deletes the session) and closes the connections; a later call logs in again. */
  async close(): Promise<void> {
    const auth = this.auth;
    this.auth = null;
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
    if (this.auth) return Promise.resolve(this.auth);
    this.loggingIn ??= this.createSession().finally(() => (this.loggingIn = null));
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
    if (res.status < 300 && typeof token === 'string') {
      const location = res.headers.location ?? (res.body['@odata.id'] as string | undefined) ?? '';
      this.auth = { kind: 'session', token, location: new URL(location, 'https://bmc').pathname };
    } else if ([404, 405, 501].includes(res.status) || res.status < 300) {
      this.auth = { kind: 'basic' };
    } else {
      this.expectOk('POST', sessions, res);
    }
    return this.auth!;
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
    retried = false,
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
        // A kept-alive socket the BMC closed meanwhile: nothing reached it, so one retry is safe.
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET')
          resolve(this.once(method, path, body, auth, extraHeaders, true));
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
