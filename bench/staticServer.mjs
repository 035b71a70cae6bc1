// The cold-start benchmark's reference (bench/serveColdStart.ts): a bare Node static file server, node:http and
// node:fs only, started as its own process as `labvisor serve` is. `node bench/staticServer.mjs DIR` serves DIR
// on a free port of 127.0.0.1 and prints {"url": ...} once it listens. Plain JavaScript, so that Node runs it
// as it is (no TypeScript loader in the figure).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const root = normalize(process.argv[2] ?? '.');

const server = createServer((req, res) => {
  let found = false;
  let file = '';
  try {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    file = normalize(join(root, path === '/' ? 'index.html' : path));
    found = file.startsWith(root + sep) && statSync(file).isFile();
  } catch {
    found = false;
  }
  if (!found) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/` }) + '\n');
});
