import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';

/**
 * The built renderer's files, as both the desktop's `app://` protocol and `labvisor serve` hand them out: one
 * MIME table, one security header set, one path check. The path check looks at the decoded path itself, so
 * `..%2f..%2fetc%2fpasswd` is refused as traversal rather than normalised into some other file.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The same policy the desktop window enforces: nothing but this origin, no inline scripts, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function mimeTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AssetLookup =
  | { ok: true; file: string; type: string }
  /** 400: not a valid percent-encoded path; 403: it leaves the folder; 404: no such file. */
  | { ok: false; status: 400 | 403 | 404; reason: string };

/** Maps a URL path (still percent-encoded, as in the request) to a file under `root`. */
export function resolveAsset(root: string, encodedPath: string): AssetLookup {
  let path: string;
  try {
    path = decodeURIComponent(encodedPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed path' };
  }
  const segments = path.split(/[/\\]+/).filter(Boolean);
  if (path.includes('\0') || segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:$/.test(s)))
    return { ok: false, status: 403, reason: 'path outside the renderer folder' };
  const file = join(root, ...(segments.length ? segments : ['index.html']));
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel))
    return { ok: false, status: 403, reason: 'path outside the renderer folder' };
  if (!existsSync(file) || statSync(file).isDirectory()) return { ok: false, status: 404, reason: 'not found' };
  return { ok: true, file, type: mimeTypeOf(file) };
}
