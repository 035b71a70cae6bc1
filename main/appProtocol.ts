import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS, resolveAsset } from './transports/rendererAssets';

/** Serves the built renderer as app://labvisor/… (never file://), refusing paths outside its folder. */
export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle('app', async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('bad request', { status: 400, headers: SECURITY_HEADERS });
    }
    if (url.host !== 'labvisor') return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    const found = resolveAsset(rendererDir, url.pathname);
    if (!found.ok) return new Response(found.reason, { status: found.status, headers: SECURITY_HEADERS });
    try {
      return new Response(await readFile(found.file), { headers: { 'Content-Type': found.type, ...SECURITY_HEADERS } });
    } catch {
      return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
