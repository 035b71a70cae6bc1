import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS, resolveAsset } from '../rendererAssets';

/**
 * Serves the built renderer. A path that is malformed or leaves the folder is refused (400/403); a missing
 * file gets index.html, since the renderer is a one-page app.
 */
export function serveStatic(root: string, encodedPath: string, res: ServerResponse): void {
  const found = resolveAsset(root, encodedPath);
  if (!found.ok && found.status !== 404) {
    res.writeHead(found.status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end(`Refused: ${found.reason}.\n`);
    return;
  }
  const asset = found.ok ? found : resolveAsset(root, '/index.html');
  if (!asset.ok) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('The renderer is not built: run `npm run build` first.\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': asset.type, ...SECURITY_HEADERS });
  const stream = createReadStream(asset.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
