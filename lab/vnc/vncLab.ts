import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { guestImages } from '../qemu/qemuBmc';
import { freeTcpPort } from '../ssh/freeTcpPort';
import { isAlive } from '../ssh/processTree';

export interface VncServer {
  readonly port: number;
  /** What it runs, for messages. */
  readonly name: string;
  /** The X display it serves (Xvfb's or Xtigervnc's), for X clients such as xclip; none for QEMU. */
  readonly display?: number;
  readonly pids: () => number[];
  stop(): Promise<void>;
}

/** Waits until something accepts TCP connections on 127.0.0.1:port (or the process died). */
async function waitListening(port: number, alive: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the VNC server for port ${port} exited`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children.reverse()) {
    if (child.pid === undefined || child.exitCode !== null) continue;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.pid && isAlive(child.pid) && child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

function spawnLogged(dir: string, name: string, cmd: string, args: string[]): ChildProcess {
  mkdirSync(dir, { recursive: true });
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const log: Buffer[] = [];
  child.stderr?.on('data', (c: Buffer) => log.push(c));
  child.once('exit', () => writeFileSync(join(dir, `${name}.log`), Buffer.concat(log)));
  return child;
}

/** An X display number nobody uses (no socket, no lock file), so parallel test runs do not collide. */
function freeDisplay(): number {
  for (let i = 0; i < 200; i++) {
    const n = 200 + Math.floor(Math.random() * 5000);
    if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  }
  throw new Error('no free X display number');
}

/**
 * A QEMU (TCG) guest whose VGA console is served by QEMU's own VNC server (security None) on a free loopback
 * port; the kernel console and the busybox shell are on tty0, so the screen shows text that keystrokes change.
 */
export async function startQemuVnc(dir: string): Promise<VncServer> {
  const { kernel, initrd } = guestImages();
  const port = await freeTcpPort();
  const child = spawnLogged(dir, 'qemu-vnc', 'qemu-system-x86_64', [
    ...['-accel', 'tcg', '-m', '128', '-nodefaults', '-vga', 'std', '-no-reboot'],
    ...['-kernel', kernel, '-initrd', initrd, '-append', 'console=tty0 panic=-1 quiet loglevel=3'],
    ...['-vnc', `127.0.0.1:${port - 5900}`],
  ]);
  try {
    await waitListening(port, () => child.exitCode === null);
  } catch (error) {
    await stopAll([child]);
    throw error;
  }
  return { port, name: 'qemu', pids: () => [child.pid!], stop: () => stopAll([child]) };
}

/** Xvfb with x11vnc serving it, security None (x11vnc -nopw). */
export async function startX11vnc(dir: string, size = '640x480'): Promise<VncServer> {
  const display = freeDisplay();
  const port = await freeTcpPort();
  const xvfb = spawnLogged(dir, 'xvfb', 'Xvfb', [`:${display}`, '-screen', '0', `${size}x24`, '-nolisten', 'tcp']);
  const children = [xvfb];
  try {
    await waitFor(
      () => existsSync(`/tmp/.X11-unix/X${display}`),
      () => xvfb.exitCode === null,
    );
    const vnc = spawnLogged(dir, 'x11vnc', 'x11vnc', [
      ...['-display', `:${display}`, '-localhost', '-rfbport', String(port)],
      ...['-nopw', '-forever', '-shared', '-quiet'],
    ]);
    children.push(vnc);
    await waitListening(port, () => vnc.exitCode === null);
  } catch (error) {
    await stopAll(children);
    throw error;
  }
  return {
    port,
    name: 'x11vnc',
    display,
    pids: () => children.map((c) => c.pid!),
    stop: () => stopAll(children),
  };
}

/**
 * Xtigervnc with password authentication only (VncAuth), the password file written by `vncpasswd -f`; with
 * `unixSocket`, also listening there (mode 0777, so the lab's SSH user reaches it through streamlocal forwarding).
 */
export async function startTigerVnc(
  dir: string,
  password: string,
  size = '640x480',
  unixSocket?: string,
): Promise<VncServer> {
  mkdirSync(dir, { recursive: true });
  const passwordFile = join(dir, 'passwd');
  writeFileSync(passwordFile, execFileSync('vncpasswd', ['-f'], { input: `${password}\n${password}\n` }), {
    mode: 0o600,
  });
  const display = freeDisplay();
  const port = await freeTcpPort();
  const child = spawnLogged(dir, 'xtigervnc', 'Xtigervnc', [
    `:${display}`,
    ...['-rfbport', String(port), '-localhost=1', '-geometry', size, '-depth', '24', '-nolisten', 'tcp'],
    ...['-SecurityTypes', 'VncAuth', '-PasswordFile', passwordFile],
    ...(unixSocket ? ['-rfbunixpath', unixSocket, '-rfbunixmode', '0777'] : []),
  ]);
  try {
    await waitListening(port, () => child.exitCode === null);
  } catch (error) {
    await stopAll([child]);
    throw error;
  }
  return { port, name: 'Xtigervnc', display, pids: () => [child.pid!], stop: () => stopAll([child]) };
}

async function waitFor(done: () => boolean, alive: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (!alive()) throw new Error('the process exited');
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
