import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HTTP } from '../../../common/channels';

/** Shorter tokens are refused: the token is the only key to every BMC and root password in the vault. */
export const MIN_TOKEN_LENGTH = 32;

/**
 * Decides whether a request may reach the server: the Host header must name this loopback server (DNS
 * rebinding), a browser's Origin must be this server's own, and the token must match — from the
 * `Authorization: Bearer` header, the `token` query parameter of `/` (the URL printed once), or the cookie set
 * after the first visit. Nothing here throws on malformed input: a bad header is just no token.
 */
export class RequestGuard {
  constructor(
    private readonly token: string,
    private readonly port: () => number,
  ) {
    if (token.length < MIN_TOKEN_LENGTH)
      throw new Error(`the access token must be at least ${MIN_TOKEN_LENGTH} characters long`);
  }

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

  /**
   * Browsers send loopback cookies to every port of 127.0.0.1, so the cookie is named after this server's
   * port: two Labvisor servers (or another local app) never see or overwrite each other's.
   */
  cookieName(): string {
    return `labvisor_token_${this.port()}`;
  }

  tokenFrom(req: IncomingMessage, url: URL): string | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    // Only the page URL carries the token, and only once; other paths never take it from the query.
    if (url.pathname === '/') {
      const fromQuery = url.searchParams.get(HTTP.tokenParam);
      if (fromQuery) return fromQuery;
    }
    const name = this.cookieName();
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k !== name) continue;
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return null;
      }
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
    return `${this.cookieName()}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
