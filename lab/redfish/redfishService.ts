/**
 * A FAKE Redfish BMC for Labvisor's tests: no real Redfish service can run on this machine (none is packaged for
 * Debian or npm), so this one is written from the DMTF Redfish specification (DSP0266) and HPE's published
 * iLO 4 / iLO 5 Redfish documentation. It speaks real HTTPS with a self-signed certificate on 127.0.0.1, real
 * sessions (`X-Auth-Token` + `Location`, DELETE to log out) and Basic auth, and runs power actions with real
 * state transitions. It records what credentials reached it, so tests can prove none went to an unpinned peer.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BmcMachine } from './bmcMachine';
import { SHAPES } from './bmcShapes';
import { memoryPowerBackend, type PowerBackend } from './powerBackend';
import { redfishError, resourceTree, type Reply, type Resource } from './resourceTree';
import { makeSelfSignedCertificate } from './selfSignedCertificate';

export interface RedfishServiceOptions {
  shape?: keyof typeof SHAPES;
  user?: string;
  password?: string;
  /** false: the SessionService is disabled (logins refused), so clients must fall back to Basic auth. */
  sessionService?: boolean;
  /** SessionTimeout: a session idle this long is deleted by the service, as a BMC does (1800 s by default). */
  sessionTimeoutSec?: number;
  /** How long PoweringOn / PoweringOff last. */
  transitionMs?: number;
  powerBackend?: PowerBackend;
  /** A fixed port (e.g. to come back on the same one); a free one by default. */
  port?: number;
}

interface RedfishServiceStats {
  requests: number;
  /** Requests that carried any credential: Basic, X-Auth-Token, or a login with a password. */
  credentialedRequests: number;
  sessionsCreated: number;
  sessionsDeleted: number;
  liveSessions: number;
  basicAuthRequests: number;
  /** Requests answered 401 (no valid session or credentials), logins refused included. */
  unauthorized: number;
  /** Sessions the service ended because they were idle for SessionTimeout. */
  sessionsExpired: number;
}

export interface RedfishService {
  url: string;
  port: number;
  /** SHA-256 of the certificate now served, colon-hex. */
  fingerprint: string;
  machine: BmcMachine;
  stats: RedfishServiceStats;
  resetStats(): void;
  /** Answers the next `count` requests with `status` (iLO answers 503 for a while after a firmware update). */
  failNext(count: number, status?: number): void;
  /** Delay before every answer (iLO takes seconds after firmware operations). */
  latencyMs: number;
  /**
   * The next `count` PATCHes find the resource changed by someone else after the client read it (its ETag moves
   * on), so a client's `If-Match` is stale: 412 on the shape that enforces ETags.
   */
  raceNextPatch(count: number): void;
  /** Every request received, as `METHOD /path?query`, in order (to count what a client asked for). */
  requestLog: string[];
  /** Forgets every session without the clients knowing (as a BMC reset does). */
  dropSessions(): void;
  /** Every PATCH received: path, its `If-Match` header and body, in order. */
  patches: { path: string; ifMatch: string | null; body: Record<string, unknown> }[];
  /** Comes back on the same port with a freshly generated certificate (as after an iLO reset to defaults). */
  restartWithNewCertificate(): Promise<string>;
  /** Serves a fresh certificate to new connections while open ones keep theirs (a certificate replaced live). */
  rotateCertificate(): Promise<string>;
  /** TCP connections open now, kept-alive ones included. */
  openConnections(): number;
  close(): Promise<void>;
}

interface Session {
  id: string;
  token: string;
  user: string;
  lastUsed: number;
}

const ADDRESS = '127.0.0.1';
const SESSIONS_PATH = '/redfish/v1/SessionService/Sessions';

export async function startRedfishService(opts: RedfishServiceOptions = {}): Promise<RedfishService> {
  const shape = SHAPES[opts.shape ?? 'dmtf'];
  const user = opts.user ?? 'admin';
  const password = opts.password ?? 'secret';
  const sessionService = opts.sessionService ?? true;
  const sessionTimeoutSec = opts.sessionTimeoutSec ?? 1800;
  const machine = new BmcMachine(shape, opts.powerBackend ?? memoryPowerBackend(), opts.transitionMs ?? 150);
  const sessions = new Map<string, Session>();
  const sockets = new Set<Socket>();
  const failures: number[] = [];
  const freshStats = (): RedfishServiceStats => ({
    requests: 0,
    credentialedRequests: 0,
    sessionsCreated: 0,
    sessionsDeleted: 0,
    liveSessions: 0,
    basicAuthRequests: 0,
    unauthorized: 0,
    sessionsExpired: 0,
  });
  let port = opts.port ?? 0;
  let races = 0;
  let etagSalt = 0;
  let server: Server;

  const slash = (path: string) => (shape.strictTrailingSlash ? `${path}/` : path);
  const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  function authenticate(req: IncomingMessage): 'ok' | 'none' | 'bad' {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') {
      expireIdleSessions();
      const session = [...sessions.values()].find((s) => sameSecret(s.token, token));
      if (session) session.lastUsed = Date.now();
      return session ? 'ok' : 'bad';
    }
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      service.stats.basicAuthRequests += 1;
      const [u, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      return u === user && sameSecret(rest.join(':'), password) ? 'ok' : 'bad';
    }
    return 'none';
  }

  function expireIdleSessions(): void {
    for (const [id, session] of sessions)
      if (Date.now() - session.lastUsed > sessionTimeoutSec * 1000) {
        sessions.delete(id);
        service.stats.sessionsExpired += 1;
      }
    service.stats.liveSessions = sessions.size;
  }

  async function handle(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): Promise<Reply> {
    const url = new URL(req.url ?? '/', `https://${ADDRESS}`);
    const path = url.pathname;
    if (shape.strictTrailingSlash && !path.endsWith('/') && path !== '/redfish')
      return redfishError(404, 'Base.1.0.ResourceMissingAtURI', `${path} not found`);
    const key = path.replace(/\/+$/, '');
    if (key === '/redfish' && req.method === 'GET') return { status: 200, body: { v1: '/redfish/v1/' } };
    if (key === '/redfish/v1' && req.method === 'GET') return { status: 200, body: await tree().get(key)!.get() };

    if (key === SESSIONS_PATH && req.method === 'POST') return login(body, res);
    const auth = authenticate(req);
    if (auth !== 'ok') {
      res.setHeader('WWW-Authenticate', 'Basic realm="Labvisor test BMC"');
      return redfishError(401, 'Base.1.0.NoValidSession', 'There is no valid session established');
    }
    if (key.startsWith(`${SESSIONS_PATH}/`)) return sessionResource(key.slice(SESSIONS_PATH.length + 1), req.method);
    if (key === SESSIONS_PATH && req.method === 'GET') {
      const members = [...sessions.values()].map((s) => ({ '@odata.id': slash(`${SESSIONS_PATH}/${s.id}`) }));
      return { status: 200, body: { Members: members, 'Members@odata.count': members.length } };
    }
    const resources = tree();
    const resource = resources.get(key);
    if (!resource) return redfishError(404, 'Base.1.0.ResourceMissingAtURI', `${path} not found`);
    if (req.method === 'GET') {
      const current = (await resource.get()) as Record<string, unknown>;
      if (resource.patch) {
        const etag = etagOf(current);
        res.setHeader('ETag', etag);
        return { status: 200, body: { ...current, '@odata.etag': etag } };
      }
      return { status: 200, body: shape.linkOnlyMembers ? await query(current, url.searchParams, resources) : current };
    }
    if (req.method === 'POST' && resource.post) return resource.post(body);
    if (req.method === 'PATCH' && resource.patch) {
      const ifMatch = typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : null;
      service.patches.push({ path: key, ifMatch, body });
      if (races > 0) {
        races -= 1;
        etagSalt += 1;
      }
      if (shape.requireIfMatch) {
        if (!ifMatch)
          return redfishError(428, 'Base.1.0.PreconditionRequired', 'This resource needs an If-Match header');
        const etag = etagOf((await resource.get()) as Record<string, unknown>);
        if (ifMatch !== '*' && ifMatch !== etag)
          return redfishError(412, 'Base.1.0.PreconditionFailed', 'The ETag does not match the resource');
      }
      return resource.patch(body);
    }
    return redfishError(405, 'Base.1.0.OperationNotAllowed', `${req.method} is not allowed on ${path}`);
  }

  /** A strong ETag over the resource's current JSON (its state), moved on by `raceNextPatch`. */
  function etagOf(body: Record<string, unknown>): string {
    const { '@odata.etag': _ignored, ...state } = body;
    return `"${createHash('sha256')
      .update(`${etagSalt}:${JSON.stringify(state)}`)
      .digest('hex')
      .slice(0, 16)}"`;
  }

  /** `$skip`, `$top` and `$expand` (levels 1) on a collection, as ProtocolFeaturesSupported advertises them. */
  async function query(
    body: Record<string, unknown>,
    params: URLSearchParams,
    resources: Map<string, Resource>,
  ): Promise<Record<string, unknown>> {
    if (!Array.isArray(body.Members)) return body;
    const skip = Number(params.get('$skip') ?? 0);
    const top = params.has('$top') ? Number(params.get('$top')) : Infinity;
    const paged = params.has('$skip') || params.has('$top');
    const page = (body.Members as { '@odata.id': string }[]).slice(skip, skip + top);
    const members: unknown[] = params.has('$expand')
      ? await Promise.all(page.map(async (m) => (await resources.get(m['@odata.id'].replace(/\/+$/, ''))?.get()) ?? m))
      : page;
    const total = (body.Members as unknown[]).length;
    const next = paged && skip + members.length < total ? skip + members.length : null;
    return {
      ...body,
      Members: members,
      ...(next !== null ? { 'Members@odata.nextLink': nextLink(String(body['@odata.id']), params, next) } : {}),
    };
  }

  function nextLink(path: string, params: URLSearchParams, skip: number): string {
    const next = new URLSearchParams(params);
    next.set('$skip', String(skip));
    return `${path}?${[...next].map(([k, v]) => `${k}=${v}`).join('&')}`;
  }

  function login(body: Record<string, unknown>, res: ServerResponse): Reply {
    if (!sessionService) return redfishError(405, 'Base.1.0.ServiceDisabled', 'The SessionService is disabled');
    if (body.UserName !== user || typeof body.Password !== 'string' || !sameSecret(body.Password, password))
      return redfishError(401, 'Base.1.0.InvalidCredentials', 'Login failed');
    const session: Session = {
      id: randomUUID().replaceAll('-', ''),
      token: randomBytes(16).toString('hex'),
      user,
      lastUsed: Date.now(),
    };
    sessions.set(session.id, session);
    service.stats.sessionsCreated += 1;
    service.stats.liveSessions = sessions.size;
    const location = slash(`${SESSIONS_PATH}/${session.id}`);
    res.setHeader('X-Auth-Token', session.token);
    res.setHeader('Location', shape.absoluteLocation ? `https://${ADDRESS}:${port}${location}` : location);
    return { status: 201, body: { '@odata.id': location, Id: session.id, UserName: user } };
  }

  function sessionResource(id: string, method: string | undefined): Reply {
    const session = sessions.get(id);
    if (!session) return redfishError(404, 'Base.1.0.ResourceMissingAtURI', 'no such session');
    if (method === 'DELETE') {
      sessions.delete(id);
      service.stats.sessionsDeleted += 1;
      service.stats.liveSessions = sessions.size;
      return { status: 204 };
    }
    return { status: 200, body: { '@odata.id': slash(`${SESSIONS_PATH}/${id}`), Id: id, UserName: session.user } };
  }

  const tree = () =>
    resourceTree({ machine, sessionServiceEnabled: sessionService, sessionTimeoutSec, listenAddress: ADDRESS });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    service.stats.requests += 1;
    service.requestLog.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return send(res, redfishError(400, 'Base.1.0.MalformedJSON', 'The request body is not JSON'));
    }
    const path = (req.url ?? '').split('?')[0]!.replace(/\/+$/, '');
    const loginWithPassword = req.method === 'POST' && path === SESSIONS_PATH && 'Password' in body;
    if (req.headers.authorization || req.headers['x-auth-token'] || loginWithPassword)
      service.stats.credentialedRequests += 1;
    if (service.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, service.latencyMs));
    const failure = failures.shift();
    if (failure !== undefined) {
      res.setHeader('Retry-After', '1');
      return send(res, redfishError(failure, 'Base.1.0.ServiceTemporarilyUnavailable', 'The service is busy'));
    }
    send(res, await handle(req, body, res));
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (reply.status === 401) service.stats.unauthorized += 1;
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'OData-Version': '4.0' });
    res.end(text);
  }

  async function listen(): Promise<string> {
    const certificate = await makeSelfSignedCertificate(`${shape.name}-lab.labvisor.test`);
    server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
      onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, redfishError(500, 'Base.1.0.InternalError', String(error)));
      });
    });
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, ADDRESS, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    return certificate.fingerprint;
  }

  async function stop(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  const service: RedfishService = {
    url: '',
    port: 0,
    fingerprint: '',
    machine,
    stats: freshStats(),
    latencyMs: 0,
    resetStats() {
      this.stats = { ...freshStats(), liveSessions: sessions.size };
    },
    patches: [],
    requestLog: [],
    dropSessions() {
      sessions.clear();
      service.stats.liveSessions = 0;
    },
    raceNextPatch(count) {
      races += count;
    },
    failNext(count, status = 503) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    async restartWithNewCertificate() {
      await stop();
      sessions.clear();
      service.stats.liveSessions = 0;
      service.fingerprint = await listen();
      return service.fingerprint;
    },
    async rotateCertificate() {
      const certificate = await makeSelfSignedCertificate(`${shape.name}-lab.labvisor.test`);
      server.setSecureContext({ key: certificate.key, cert: certificate.cert });
      service.fingerprint = certificate.fingerprint;
      return certificate.fingerprint;
    },
    openConnections: () => sockets.size,
    async close() {
      await stop();
      await machine.idle();
    },
  };
  service.fingerprint = await listen();
  service.port = port;
  service.url = `https://${ADDRESS}:${port}`;
  return service;
}
