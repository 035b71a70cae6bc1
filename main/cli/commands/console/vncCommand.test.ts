import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { independentGrab, pixelDifference, readPng } from '../../../../lab/vnc/grab';
import { startTigerVnc, type VncServer } from '../../../../lab/vnc/vncLab';
import { runCliCaptured } from '../../../testing/runCliCaptured';
import { escapeWatcher } from './serialCommand';
import { parseVncTarget } from './vncCommand';

// `labvisor vnc --screenshot` against a real password-protected Xtigervnc, judged by the independent grabber.
const PASSWORD = 'cli-Pw-9';
let dir: string;
let tiger: VncServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-clivnc-'));
  tiger = await startTigerVnc(join(dir, 'tiger'), PASSWORD, '320x200');
}, 60_000);
afterAll(async () => {
  await tiger?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('labvisor vnc --screenshot', () => {
  it('writes the screen as PNG, with the password from stdin', async () => {
    const file = join(dir, 'shot.png');
    const run = await runCliCaptured(
      join(dir, 'data'),
      ['vnc', `127.0.0.1::${tiger.port}`, '--screenshot', file, '--password-stdin', '--json'],
      { input: `${PASSWORD}\n` },
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ file, width: 320, height: 200, security: 'vncauth', version: '3.8' });
    const judge = await independentGrab(tiger.port, join(dir, 'judge.png'), PASSWORD);
    expect(pixelDifference(readPng(file), judge)).toBe(0);
  }, 60_000);

  it('fails clearly on a wrong or missing password and on bad arguments', async () => {
    const file = join(dir, 'never.png');
    const wrong = await runCliCaptured(
      join(dir, 'data'),
      ['vnc', `127.0.0.1::${tiger.port}`, '--screenshot', file, '--password-stdin'],
      { input: 'wrong\n' },
    );
    expect(wrong).toMatchObject({ code: 6, err: expect.stringMatching(/rejected the VNC password/) });
    const missing = await runCliCaptured(join(dir, 'data'), ['vnc', `127.0.0.1::${tiger.port}`, '--screenshot', file]);
    expect(missing).toMatchObject({ code: 6, err: expect.stringMatching(/asks for a VNC password/) });
    expect((await runCliCaptured(join(dir, 'data'), ['vnc', '127.0.0.1', '--screenshot', file])).code).toBe(2);
    expect((await runCliCaptured(join(dir, 'data'), ['vnc', '127.0.0.1:1'])).code).toBe(2);
    const noVia = await runCliCaptured(join(dir, 'data'), [
      'vnc',
      '127.0.0.1:1',
      '--screenshot',
      file,
      '--via',
      'nope',
    ]);
    expect(noVia.code).toBe(3);
  }, 60_000);
});

describe('parseVncTarget', () => {
  it('reads displays, ports and IPv6 like vncviewer', () => {
    expect(parseVncTarget('zs-arm:1')).toEqual({ address: 'zs-arm', port: 5901 });
    expect(parseVncTarget('10.0.0.5::5999')).toEqual({ address: '10.0.0.5', port: 5999 });
    expect(parseVncTarget('10.0.0.5:5902')).toEqual({ address: '10.0.0.5', port: 5902 });
    expect(parseVncTarget('[::1]:3')).toEqual({ address: '::1', port: 5903 });
    expect(parseVncTarget('unix:/run/vnc.sock')).toEqual({ socket: '/run/vnc.sock' });
    for (const bad of ['host', 'host:', ':1', 'a:b', 'h::99999', 'h:1:2']) expect(parseVncTarget(bad)).toBeNull();
  });
});

describe('escapeWatcher', () => {
  const run = (...chunks: string[]) => {
    let sent = '';
    let quit = false;
    const watch = escapeWatcher(
      (d) => (sent += Buffer.from(d).toString()),
      () => (quit = true),
    );
    for (const c of chunks) watch(Buffer.from(c));
    return { sent, quit };
  };
  it('quits on ~. at the start of a line, even split across reads', () => {
    expect(run('~.')).toEqual({ sent: '', quit: true });
    expect(run('ls\r', '~', '.')).toEqual({ sent: 'ls\r', quit: true });
  });
  it('passes other tildes through', () => {
    expect(run('a~.')).toEqual({ sent: 'a~.', quit: false });
    expect(run('~~.')).toEqual({ sent: '~.', quit: false });
    expect(run('~x')).toEqual({ sent: '~x', quit: false });
  });
});
