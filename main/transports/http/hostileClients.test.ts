import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RPC_MAX_PAYLOAD } from './rpcSocket';

/**
 * `labvisor serve` as a real process (`node --import tsx main/cli.ts serve`), attacked with raw bytes over TCP
 * on 127.0.0.1: requests and frames no browser would send. After each, and after thousands of generated ones,
 * the same process still answers and its memory stays bounded.
 */
const TOKEN = randomBytes(24).toString('base64url');
let child: ChildProcess;
let port: number;
const stderr: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-hostile-serve-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'labvisor-hostile-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Labvisor</title>');
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, '../../cli.ts'),
      `--data-dir=${dataDir}`,
      '--json',
      'serve',
      `--renderer-dir=${rendererDir}`,
    ],
    { env: { ...process.env, LABVISOR_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr.join('')}`)));
  });
  port = (JSON.parse(first) as { port: number }).port;
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

/** Sends raw bytes and collects whatever comes back until the peer closes (or `ms` passes). */
function raw(bytes: Buffer | string, ms = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (d) => (got += d.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

const HOST = () => `Host: 127.0.0.1:${port}\r\n`;
const AUTH = `Authorization: Bearer ${TOKEN}\r\n`;

async function stillServing(): Promise<void> {
  const reply = await raw(`GET / HTTP/1.1\r\n${HOST()}${AUTH}Connection: close\r\n\r\n`);
  expect(reply).toMatch(/^HTTP\/1\.1 200/);
  expect(child.exitCode).toBeNull();
}

function rssKiB(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/** A WebSocket frame as a client writes it; every field can be made wrong. */
function frame(o: { opcode: number; payload: Buffer; fin?: boolean; rsv?: number; mask?: boolean; length?: number }) {
  const len = o.length ?? o.payload.length;
  const head = [(o.fin === false ? 0 : 0x80) | ((o.rsv ?? 0) << 4) | o.opcode];
  const maskBit = o.mask === false ? 0 : 0x80;
  const ext: number[] = [];
  if (len < 126) head.push(maskBit | len);
  else if (len < 65536) head.push(maskBit | 126, len >> 8, len & 0xff);
  else {
    head.push(maskBit | 127);
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(len));
    ext.push(...b);
  }
  if (o.mask === false) return Buffer.concat([Buffer.from([...head, ...ext]), o.payload]);
  const key = randomBytes(4);
  const body = Buffer.from(o.payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([Buffer.from([...head, ...ext]), key, body]);
}

function upgrade(path: string) {
  return (
    `GET ${path} HTTP/1.1\r\n${HOST()}${AUTH}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

/** Opens /rpc (or /stream), then sends `bytes` as the first frames; returns what came back. */
function afterUpgrade(bytes: Buffer, path = '/rpc'): Promise<string> {
  return raw(Buffer.concat([Buffer.from(upgrade(path)), bytes]), 1_500);
}

describe('labvisor serve survives hostile clients', () => {
  it('`GET //` without the token is a 400, not a crash', async () => {
    expect(await raw(`GET // HTTP/1.1\r\n${HOST()}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET //evil.example/x HTTP/1.1\r\n${HOST()}${AUTH}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
  });

  it('a cookie that is not valid percent-encoding is no token (401)', async () => {
    const reply = await raw(`GET / HTTP/1.1\r\n${HOST()}Cookie: labvisor_token_${port}=%\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 401/);
    await stillServing();
  });

  it('`GET /%` with the token is a 400', async () => {
    expect(await raw(`GET /% HTTP/1.1\r\n${HOST()}${AUTH}\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\n${HOST()}${AUTH}\r\n`)).toMatch(/^HTTP\/1\.1 403/);
    await stillServing();
  });

  it('the token is taken from the query of `/` only, and the cookie is named after the port', async () => {
    expect(await raw(`GET /assets/x.js?token=${TOKEN} HTTP/1.1\r\n${HOST()}\r\n`)).toMatch(/^HTTP\/1\.1 401/);
    expect(await raw(`GET / HTTP/1.1\r\n${HOST()}Cookie: labvisor_token=${TOKEN}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 401/);
    const swap = await raw(`GET /?token=${TOKEN} HTTP/1.1\r\n${HOST()}\r\n`);
    expect(swap).toMatch(/^HTTP\/1\.1 303/);
    expect(swap).toContain(`Set-Cookie: labvisor_token_${port}=`);
  });

  it.each([
    ['invalid UTF-8 in a text frame', frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff]) })],
    ['RSV1 set without an extension', frame({ opcode: 1, payload: Buffer.from('{}'), rsv: 4 })],
    ['a close code of 999', frame({ opcode: 8, payload: Buffer.from([0x03, 0xe7]) })],
    ['an unmasked client frame', frame({ opcode: 1, payload: Buffer.from('{}'), mask: false })],
    ['a message over the size limit', frame({ opcode: 1, payload: Buffer.alloc(0), length: RPC_MAX_PAYLOAD + 1 })],
    ['an unknown opcode', frame({ opcode: 3, payload: Buffer.from('x') })],
    ['a fragmented control frame', frame({ opcode: 9, payload: Buffer.from('x'), fin: false })],
  ])('/rpc and /stream: %s closes that socket only', async (_label, bytes) => {
    expect(await afterUpgrade(bytes)).toMatch(/^HTTP\/1\.1 101/);
    expect(await afterUpgrade(bytes, '/stream?id=nope')).toMatch(/^HTTP\/1\.1 101/);
    await stillServing();
  });

  it.each([
    ['a name that is an object with toString: null', '{"type":"call","id":1,"name":{"toString":null},"input":{}}'],
    ['a name nested 200,000 arrays deep', `{"type":"call","id":1,"name":${'['.repeat(200_000)}${']'.repeat(200_000)}}`],
    [
      'an input nested 200,000 arrays deep',
      `{"type":"call","id":1,"name":"inventory.addHost","input":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
    ],
    [
      'an input nested 200,000 objects deep',
      `{"type":"call","id":1,"name":"inventory.addHost","input":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
    ],
    ['an id that is not a number', '{"type":"call","id":"1","name":"inventory.listHosts"}'],
    ['null', 'null'],
    ['not JSON', '{"type":'],
  ])('/rpc: %s is answered or closed, never fatal', async (_label, text) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const outcome = new Promise<string>((resolve) => {
      ws.once('message', (d) => resolve(`message ${String(d).slice(0, 200)}`));
      ws.once('close', (code) => resolve(`close ${code}`));
    });
    ws.send(text);
    expect(await outcome).toMatch(/^(message \{"type":"result","id":1,"result":\{"ok":false|close 100[378])/);
    ws.terminate();
    await stillServing();
  });

  it('thousands of generated malformed requests, frames and messages leave it serving, memory bounded', async () => {
    let seed = 0x5eed;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
    const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => rand(256)));
    const PATHS = ['/', '//', '/%', '/%zz', '/..%2f', '/%00', '/\u00ff', '/rpc', '/stream?id=%', '/?token=', '/a?b=%'];
    const before = rssKiB();

    const requests = Array.from({ length: 2_000 }, (_, i) => {
      const method = pick(['GET', 'POST', 'HEAD', 'OPTIONS', 'G\u0000T', '']);
      const path = rand(4) === 0 ? junk(rand(40)).toString('latin1') : pick(PATHS);
      const headers = [
        rand(2) ? HOST() : `Host: ${junk(8).toString('latin1')}\r\n`,
        rand(2) ? AUTH : '',
        rand(3) === 0 ? `Cookie: labvisor_token_${port}=${pick(['%', '%E0%A4%A', TOKEN, ''])}\r\n` : '',
        rand(5) === 0 ? `Content-Length: ${pick(['-1', 'abc', '99999999999', '5'])}\r\n` : '',
      ].join('');
      return i % 10 === 0 ? junk(rand(300)) : `${method} ${path} HTTP/1.1\r\n${headers}\r\n`;
    });
    for (let i = 0; i < requests.length; i += 50) await Promise.all(requests.slice(i, i + 50).map((r) => raw(r, 500)));

    const frames = Array.from({ length: 600 }, () =>
      Buffer.concat(
        Array.from({ length: 1 + rand(4) }, () =>
          rand(3) === 0
            ? junk(rand(64))
            : frame({
                opcode: pick([0, 1, 2, 3, 8, 9, 10, 15]),
                payload: junk(rand(200)),
                fin: rand(4) !== 0,
                rsv: rand(5) === 0 ? 1 + rand(7) : 0,
                mask: rand(6) !== 0,
              }),
        ),
      ),
    );
    for (let i = 0; i < frames.length; i += 30)
      await Promise.all(frames.slice(i, i + 30).map((f) => afterUpgrade(f, pick(['/rpc', '/stream?id=x']))));

    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const value = (depth: number): unknown =>
      depth > 4
        ? null
        : pick([
            () => rand(1e9) - 5e8,
            () => junk(rand(20)).toString('latin1'),
            () => null,
            () => Array.from({ length: rand(4) }, () => value(depth + 1)),
            () => ({ [pick(['name', '__proto__', 'constructor', 'toString', 'id'])]: value(depth + 1) }),
          ])();
    let answered = 0;
    ws.on('message', () => answered++);
    const NAMES = ['inventory.listHosts', 'inventory.addHost', 'inventory.updateHost', 'nope', 'toString', '__proto__'];
    for (let i = 0; i < 2_000; i++) {
      const name = rand(3) === 0 ? value(0) : pick(NAMES);
      ws.send(
        JSON.stringify({
          type: 'call',
          id: i,
          name: typeof name === 'string' ? name : 'inventory.getHost',
          input: value(0),
        }),
      );
    }
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (answered >= 2_000 || ws.readyState !== ws.OPEN) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    expect(answered).toBeGreaterThanOrEqual(2_000);
    ws.terminate();

    await stillServing();
    expect(rssKiB() - before).toBeLessThan(150 * 1024);
  }, 300_000);
});
