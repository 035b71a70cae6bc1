import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HTTP } from '../../../common/channels';

const TOKEN_COOKIE = 'labvisor_token';

/**
 * Decides whether a request may reach the server: the Host header must name this loopback server (DNS
 * rebinding), a browser's Origin must be this server's own, and the token must match — from the
 * `Authorization: Bearer` header, the `token` query parameter, or the cookie set after the first visit.
 */
export class RequestGuard {
  constructor(
    private readonly token: string,
    private readonly port: () => number,
  ) {}

  allowedHosts(): string[] {
    const p = this.port();
    return [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`];
  }

  hostOk(req: IncomingMessage): boolean {
    return this.allowedHosts().includes((req.headers.host ?? '').toLowerCase());
  }

  /** Scripts send no Origin; a browser always does on WebSocket upgrades and cross-site requests. */
  originOk(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return this.allowedHosts().some((h) => origin.toLowerCase() === `http://${h}`);
  }

  tokenFrom(req: IncomingMessage): string | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    const url = new URL(req.url ?? '/', 'http://x');
    const fromQuery = url.searchParams.get(HTTP.tokenParam);
    if (fromQuery) return fromQuery;
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
    }
    return null;
  }

  tokenOk(candidate: string | null): boolean {
    if (candidate === null) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  cookie(): string {
    return `${TOKEN_COOKIE}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
