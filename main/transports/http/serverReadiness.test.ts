import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../common/wire';
import type { AppServices } from '../../app/services';
import { tempServices } from '../../testing/tempServices';
import { startServer, type RunningServer } from './server';

// `labvisor serve` listens before its services have opened (the page loads meanwhile): what arrives before
// they are open must wait for them and be answered from them, or be refused when they fail to open.

const TOKEN = 'readiness-token-0123456789-abcdefghijklmnop';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server whose services open only when the test says so; `opens` counts the opener's calls. */
async function serverWaitingForServices(quietMs = 60_000) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'labvisor-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Labvisor</title>');
  cleanups.push(() => rmSync(rendererDir, { recursive: true, force: true }));
  let open!: (services: AppServices) => void;
  let fail!: (error: Error) => void;
  const opening = new Promise<AppServices>((resolve, reject) => ((open = resolve), (fail = reject)));
  let asked!: () => void;
  const openerCalled = new Promise<void>((resolve) => (asked = resolve));
  const state = { opens: 0 };
  const opener = () => {
    state.opens++;
    asked();
    return opening;
  };
  const server = await startServer({ services: opener, rendererDir, token: TOKEN, quietMs });
  cleanups.push(() => server.close());
  return { server, open, fail, openerCalled, state };
}

function get(server: RunningServer, path: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { Authorization: `Bearer ${TOKEN}` } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket to /rpc, and a promise of the upgrade request having reached the server. */
function connect(server: RunningServer) {
  const arrived = new Promise<void>((resolve) => server.server.once('upgrade', () => resolve()));
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, {
    headers: { Authorization: `Bearer ${TOKEN}`, Origin: `http://127.0.0.1:${server.port}` },
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  cleanups.push(() => ws.terminate());
  return { ws, arrived, opened };
}

function result(ws: WebSocket, id: number): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (d: Buffer) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type !== 'result' || m.id !== id) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
  });
}

describe('labvisor serve before its services have opened', () => {
  it('serves the page at once, and answers a call made meanwhile from the services once they are open', async () => {
    const { server, open, state } = await serverWaitingForServices();
    const page = await get(server, '/');
    expect(page).toMatchObject({ status: 200, body: expect.stringContaining('Labvisor') });
    // Serving the page's files opens nothing (the server would open them itself only after a quiet minute).
    expect(state.opens).toBe(0);

    const { ws, arrived, opened } = connect(server);
    await arrived;
    const scrape = get(server, '/metrics');
    // The page's socket is held open, not refused, while the services open.
    expect(ws.readyState).toBe(WebSocket.CONNECTING);
    expect(state.opens).toBe(1);

    const services = tempServices();
    cleanups.push(() => services.cleanup());
    expect(await services.dispatch('inventory.addHost', { name: 'early-bird' }, { door: 'cli' })).toMatchObject({
      ok: true,
    });
    open(services);
    await opened;
    const answer = result(ws, 1);
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'inventory.listHosts', input: {} }));
    expect(await answer).toMatchObject({ result: { ok: true, value: [{ name: 'early-bird' }] } });
    expect((await scrape).status).toBe(200);
    expect(state.opens).toBe(1);
    await expect(server.services).resolves.toBe(services);
  });

  it('opens the services by itself once no request has come for a moment', async () => {
    const { server, open, openerCalled } = await serverWaitingForServices(10);
    await openerCalled;
    const services = tempServices();
    cleanups.push(() => services.cleanup());
    open(services);
    await expect(server.services).resolves.toBe(services);
  });

  it('refuses the socket and the scrape with 503 when the services fail to open, and still serves the page', async () => {
    const { server, fail } = await serverWaitingForServices();
    const { arrived, opened } = connect(server);
    await arrived;
    const scrape = get(server, '/metrics');
    fail(new Error('the database is locked'));
    await expect(server.services).rejects.toThrow('the database is locked');
    await expect(opened).rejects.toThrow('HTTP 503');
    expect((await scrape).status).toBe(503);
    expect((await get(server, '/')).status).toBe(200);
    await expect(connect(server).opened).rejects.toThrow('HTTP 503');
  });
});
