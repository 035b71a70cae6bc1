import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../common/wire';
import { tempServices } from '../../testing/tempServices';
import { startServer, type RunningServer } from './server';
import { runCliCaptured } from '../../testing/runCliCaptured';

let server: RunningServer;
let services: ReturnType<typeof tempServices>;

beforeAll(async () => {
  services = tempServices();
  const rendererDir = mkdtempSync(join(tmpdir(), 'labvisor-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Labvisor</title>');
  server = await startServer({ services, rendererDir, token: 'test-token-0123456789-abcdefghijklmnop' });
});
afterAll(async () => {
  await server.close();
  await services.cleanup();
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(headers: Record<string, string>) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('labvisor serve', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('refuses requests without the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/', { Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    await expect(openSocket({})).rejects.toThrow('HTTP 401');
  });

  it('swaps the token in the URL for an HttpOnly cookie and serves the page with a strict CSP', async () => {
    const first = await get(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get('/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Labvisor');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('refuses a foreign Host (DNS rebinding) or Origin even with the token', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    expect((await get('/', { ...auth, Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    await expect(openSocket({ ...auth, Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers calls through the shared dispatcher and pushes events to the socket', async () => {
    const ws = await openSocket({ Authorization: `Bearer ${server.token}`, Origin: `http://127.0.0.1:${server.port}` });
    const messages: ServerMessage[] = [];
    const next = (pred: (m: ServerMessage) => boolean) =>
      new Promise<ServerMessage>((resolve) => {
        const hit = messages.find(pred);
        if (hit) return resolve(hit);
        ws.on('message', (d) => {
          const m = JSON.parse(String(d)) as ServerMessage;
          if (pred(m)) resolve(m);
        });
      });
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'inventory.addHost', input: { name: 'zcloud' } }));
    expect(await next((m) => m.type === 'result' && m.id === 1)).toMatchObject({
      result: { ok: true, value: { name: 'zcloud' } },
    });
    expect(await next((m) => m.type === 'event' && m.event.name === 'inventory.changed')).toBeTruthy();
    ws.send(JSON.stringify({ type: 'call', id: 2, name: 'inventory.addHost', input: { name: 7 } }));
    expect(await next((m) => m.type === 'result' && m.id === 2)).toMatchObject({
      result: { ok: false, code: 'invalid_input' },
    });
    const entries = services.audit.list({ limit: 5 });
    expect(entries[entries.length - 1]).toMatchObject({ door: 'ws', action: 'inventory.addHost', result: 'ok' });
    ws.close();
  });

  it('refuses an access token shorter than 32 characters', async () => {
    await expect(startServer({ services, rendererDir: tmpdir(), token: 'short-token' })).rejects.toThrow(/32/);
    const dir = mkdtempSync(join(tmpdir(), 'labvisor-short-token-'));
    const run = await runCliCaptured(dir, ['serve'], { env: { ...process.env, LABVISOR_TOKEN: 'x'.repeat(31) } });
    expect(run.code).toBe(2);
    expect(run.err).toContain('LABVISOR_TOKEN must be at least 32 characters');
  });
});
