import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HTTP } from '../../../common/channels';
import type { AppServices } from '../../app/services';
import { RequestGuard } from './requestGuard';
import { SECURITY_HEADERS, serveStatic } from './staticFiles';
import { RPC_MAX_PAYLOAD, attachRpcSocket } from './rpcSocket';
import { STREAM_PATH } from '../../../common/streamWire';
import { streamSocketRoute } from './streamSocket';

/** A WebSocket endpoint other features add (a terminal's byte stream, a VNC bridge...). */
export type SocketRoute = (socket: WebSocket, req: IncomingMessage, url: URL) => void;

export interface ServerOptions {
  services: AppServices;
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
  close(): Promise<void>;
}

/** `labvisor serve`: the renderer and the dispatcher over HTTP + WebSocket, on 127.0.0.1 only. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let port = opts.port ?? 0;
  const guard = new RequestGuard(token, () => port);
  const wss = new WebSocketServer({ noServer: true, maxPayload: RPC_MAX_PAYLOAD });
  const routes: Record<string, SocketRoute> = {
    [HTTP.rpc]: (socket) => attachRpcSocket(socket, opts.services),
    [STREAM_PATH]: streamSocketRoute(opts.services.streams),
    ...opts.socketRoutes,
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!guard.hostOk(req) || !guard.originOk(req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      return res.end('Forbidden: unexpected Host or Origin.\n');
    }
    if (!guard.tokenOk(guard.tokenFrom(req))) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      return res.end('Labvisor needs its access token: open the URL that `labvisor serve` printed.\n');
    }
    if (url.searchParams.has(HTTP.tokenParam)) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      url.searchParams.delete(HTTP.tokenParam);
      res.writeHead(303, { 'Set-Cookie': guard.cookie(), Location: url.pathname + url.search, ...SECURITY_HEADERS });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS });
      return res.end();
    }
    serveStatic(opts.rendererDir, url.pathname, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (!guard.hostOk(req) || !guard.originOk(req)) return reject('403 Forbidden');
    if (!guard.tokenOk(guard.tokenFrom(req))) return reject('401 Unauthorized');
    if (!route) return reject('404 Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => route(ws, req, url));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?${HTTP.tokenParam}=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
