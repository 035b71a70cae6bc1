import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmiSims, type IpmiSimLab } from '../../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../../lab/ipmi/labHosts';
import { createServices } from '../../../app/services';
import { runCli } from '../../runCli';

// `labvisor sol` through a real ipmi_sim whose SOL is wired to a TCP "serial port". Fake only the far end of the
// serial line (no real machine is needed to prove the console path): it echoes what it receives.
let lab: IpmiSimLab;
let serial: Server;
let dataDir: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  serial = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.on('data', (d) => socket.write(`[echo] ${d.toString()}`));
  });
  await new Promise<void>((r) => serial.listen(0, '127.0.0.1', r));
  const port = (serial.address() as AddressInfo).port;
  lab = await startIpmiSims([{ name: 'console', solTcpPort: port }]);
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-clisol-'));
  const s = createServices({ dataDir });
  addBmcHost(s, 'console', lab.bmcs[0]!);
  await s.close();
});

afterAll(async () => {
  await lab?.stop();
  for (const s of sockets) s.destroy();
  serial?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('labvisor sol', () => {
  it('shows the console, sends keystrokes and quits on ~.', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const done = runCli(
      [`--data-dir=${dataDir}`, 'sol', 'console'],
      { stdin, stdout, stderr, interactive: false, env: process.env },
      'test',
    );
    await expect.poll(() => err, { timeout: 15_000 }).toContain('SOL connected');
    stdin.write('root\r');
    await expect.poll(() => out, { timeout: 10_000 }).toContain('[echo] root');
    stdin.write('\r~.');
    expect(await done).toBe(0);
  }, 40_000);
});
