import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import type { WebSocket, WebSocketServer } from 'ws';
import { HTTP } from '../../../common/channels';
import type { AppServices } from '../../app/services';
import { RequestGuard } from './requestGuard';
import { SECURITY_HEADERS } from '../rendererAssets';
import { serveStatic } from './staticFiles';
import { ServicesGate } from './servicesGate';
import { RPC_MAX_PAYLOAD, attachRpcSocket } from './rpcSocket';
import { STREAM_PATH } from '../../../common/streamWire';
import { streamSocketRoute } from './streamSocket';

/** A WebSocket endpoint other features add (a terminal's byte stream, a VNC bridge...). */
export type SocketRoute = (socket: WebSocket, req: IncomingMessage, url: URL) => void;

export interface ServerOptions {
  /**
   * The services, or how to open them (see ServicesGate): the page's files are served at once, while a WebSocket
   * or `/metrics` request that arrives before they are open waits for them (503 if they fail to open).
   */
  services: AppServices | (() => Promise<AppServices>);
  /** How long the server waits without requests before it opens the services on its own (tests). */
  quietMs?: number;
  rendererDir: string;
  port?: number;
  /** Fixed token (tests); otherwise 32 random bytes. */
  token?: string;
  socketRoutes?: Record<string, SocketRoute>;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  /** The URL to open once: it carries the token, which the server swaps for an HttpOnly cookie. */
  url: string;
  /** Settles once the services are open, or with the reason they could not be. */
  services: Promise<AppServices>;
  close(): Promise<void>;
}

/**
 * `ws` through require: imported as an ES module, Node runs its CJS export scanner over each of its files, which
 * cost `serve` about three times the CPU of loading it (~50 ms against ~15 ms).
 */
function loadWs(): typeof import('ws') {
  return createRequire(import.meta.url)('ws') as typeof import('ws');
}

/** The request's path and query; null when it is not an origin-form path (`//`, `http://…`, garbage). */
function requestUrl(raw: string | undefined): URL | null {
  if (!raw?.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...headers });
  res.end(text);
}

/**
 * `labvisor serve`: the renderer and the dispatcher over HTTP + WebSocket, on 127.0.0.1 only. No request,
 * frame or message a client sends can throw out of a handler: each is answered (400, a close code) instead.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let port = opts.port ?? 0;
  const guard = new RequestGuard(token, () => port);
  const gate = new ServicesGate(opts.services, opts.quietMs);
  let routes: Record<string, SocketRoute> | null = null;
  gate.opened.then(
    (opened) =>
      (routes = {
        [HTTP.rpc]: (socket) => attachRpcSocket(socket, opened),
        [STREAM_PATH]: streamSocketRoute(opened.streams),
        ...opts.socketRoutes,
      }),
    () => undefined, // reported by whoever awaits RunningServer.services; requests waiting on them get 503
  );
  /** The services' log, once there is one (nothing is logged if they never open). */
  const log = (level: 'warn' | 'error' | 'debug', message: string, fields: Record<string, unknown>) =>
    void gate.opened.then(
      (s) => s.log[level](message, fields),
      () => undefined,
    );
  let wss: WebSocketServer | null = null;
  const websockets = (): WebSocketServer => {
    if (wss) return wss;
    wss = new (loadWs().WebSocketServer)({ noServer: true, maxPayload: RPC_MAX_PAYLOAD });
    wss.on('error', (error) => log('warn', 'websocket server error', { error: String(error) }));
    return wss;
  };
  // ws loads with the services, in the pause after the page's files (or with the first upgrade), not before listening.
  void gate.opened.then(websockets, () => undefined);
  const isRoute = (path: string) =>
    path === HTTP.rpc || path === STREAM_PATH || Object.hasOwn(opts.socketRoutes ?? {}, path);

  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req.url);
    if (!url) return plain(res, 400, 'Bad request: not a path.\n');
    if (!guard.hostOk(req) || !guard.originOk(req)) return plain(res, 403, 'Forbidden: unexpected Host or Origin.\n');
    if (!guard.tokenOk(guard.tokenFrom(req, url)))
      return plain(res, 401, 'Labvisor needs its access token: open the URL that `labvisor serve` printed.\n');
    if (url.pathname === '/' && url.searchParams.has(HTTP.tokenParam)) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      url.searchParams.delete(HTTP.tokenParam);
      res.writeHead(303, { 'Set-Cookie': guard.cookie(), Location: url.pathname + url.search, ...SECURITY_HEADERS });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS });
      return res.end();
    }
    if (url.pathname === HTTP.prometheus) {
      // The metrics feature loads with its first use (see app/openServices.ts); a scrape may be that use.
      void gate
        .need()
        .then((s) => s.loadMachines())
        .then(
          ({ metrics }) => {
            res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', ...SECURITY_HEADERS });
            res.end(req.method === 'HEAD' ? undefined : metrics.prometheus());
          },
          (error: unknown) => {
            if (!gate.current()) return plain(res, 503, 'Labvisor could not open its data.\n');
            log('error', 'request failed', { error: String((error as Error)?.stack ?? error) });
            if (!res.headersSent) plain(res, 500, 'Internal error.\n');
          },
        );
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res);
  };
  const server = createServer((req, res) => {
    gate.requestStarted();
    res.once('close', () => gate.requestEnded());
    try {
      handleRequest(req, res);
    } catch (error) {
      log('error', 'request failed', { error: String((error as Error)?.stack ?? error) });
      if (!res.headersSent) plain(res, 500, 'Internal error.\n');
      else res.destroy();
    }
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    const url = requestUrl(req.url);
    if (!url) return reject('400 Bad Request');
    if (!guard.hostOk(req) || !guard.originOk(req)) return reject('403 Forbidden');
    if (!guard.tokenOk(guard.tokenFrom(req, url))) return reject('401 Unauthorized');
    if (!isRoute(url.pathname)) return reject('404 Not Found');
    const upgrade = (route: SocketRoute) =>
      websockets().handleUpgrade(req, socket, head, (ws) => {
        // Invalid frames (bad UTF-8, RSV bits, close codes, unmasked, oversized) arrive here; `ws` then closes.
        ws.on('error', (error) => log('debug', 'websocket closed on a protocol error', { error: String(error) }));
        route(ws, req, url);
      });
    if (routes) return upgrade(routes[url.pathname]!);
    // The page got here before the services opened: its socket opens once they have, so no call is lost.
    gate
      .need()
      .then(
        () => upgrade(routes![url.pathname]!),
        () => reject('503 Service Unavailable'),
      )
      .catch((error: unknown) => {
        log('error', 'upgrade failed', { error: String((error as Error)?.stack ?? error) });
        socket.destroy();
      });
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      log('error', 'upgrade failed', { error: String((error as Error)?.stack ?? error) });
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  gate.whenQuiet();

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?${HTTP.tokenParam}=${token}`,
    services: gate.opened,
    async close() {
      gate.stop();
      for (const client of wss?.clients ?? []) client.terminate();
      wss?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
