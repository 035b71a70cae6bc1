import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabSsh } from '../lab/ssh';
import { independentGrab, inkPixels, pixelDifference } from '../lab/vnc/grab';
import { startQemuVnc } from '../lab/vnc/vncLab';
import type { ByteStream } from '../main/platform/byteStreams';
import type { AppServices } from '../main/app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../main/testing/sshTestServices';
import { atLeast, atMost } from './goals';
import { median, percentile, round } from './stats';

const FPS_SECONDS = 8;
const KEYS = 60;
const CONSOLES = 4;

/** A minimal RFB viewer on a bridge stream: raw 32-bpp updates, counting frames and timing input → update. */
class Viewer {
  private buf = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  width = 0;
  height = 0;

  constructor(readonly stream: ByteStream) {
    stream.onData((c) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, c]) : Buffer.from(c);
      this.wake?.();
    });
  }

  private async read(n: number): Promise<Buffer> {
    while (this.buf.length < n) await new Promise<void>((r) => (this.wake = r));
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  async handshake(): Promise<void> {
    await this.read(12);
    this.stream.write(Buffer.from('RFB 003.008\n'));
    await this.read((await this.read(1))[0]!);
    this.stream.write(Uint8Array.of(1));
    await this.read(4);
    this.stream.write(Uint8Array.of(1));
    const init = await this.read(24);
    [this.width, this.height] = [init.readUInt16BE(0), init.readUInt16BE(2)];
    await this.read(init.readUInt32BE(20));
    const format = Buffer.from([0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
    const encodings = Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]);
    this.stream.write(Buffer.concat([format, encodings]));
  }

  request(incremental: boolean): void {
    const b = Buffer.alloc(10);
    b.writeUInt8(3, 0);
    b.writeUInt8(incremental ? 1 : 0, 1);
    b.writeUInt16BE(this.width, 6);
    b.writeUInt16BE(this.height, 8);
    this.stream.write(b);
  }

  key(keysym: number): void {
    const b = Buffer.alloc(16);
    for (const [i, down] of [
      [0, 1],
      [8, 0],
    ]) {
      b.writeUInt8(4, i!);
      b.writeUInt8(down!, i! + 1);
      b.writeUInt32BE(keysym, i! + 4);
    }
    this.stream.write(b);
  }

  /** Reads messages until one FramebufferUpdate has been consumed; returns the pixels it carried. */
  async update(): Promise<number> {
    for (;;) {
      const type = (await this.read(1))[0]!;
      if (type === 0) {
        const count = (await this.read(3)).readUInt16BE(1);
        let pixels = 0;
        for (let i = 0; i < count; i++) {
          const h = await this.read(12);
          const [w, hh, enc] = [h.readUInt16BE(4), h.readUInt16BE(6), h.readInt32BE(8)];
          if (enc !== 0) throw new Error(`unexpected encoding ${enc}`);
          await this.read(w * hh * 4);
          pixels += w * hh;
        }
        return pixels;
      }
      if (type === 2) continue;
      if (type === 1) {
        const head = await this.read(5);
        await this.read(head.readUInt16BE(3) * 6);
      } else if (type === 3) await this.read((await this.read(7)).readUInt32BE(3));
      else throw new Error(`unexpected message ${type}`);
    }
  }
}

async function openViewer(s: AppServices, port: number, via?: number): Promise<Viewer> {
  const { stream } = await s.console.connectVnc({ address: '127.0.0.1', port, via });
  const viewer = new Viewer(stream);
  await viewer.handshake();
  return viewer;
}

/** Full-screen (non-incremental) frames per second, one request in flight: what a viewer sees when all changes. */
async function fps(viewer: Viewer) {
  const end = performance.now() + FPS_SECONDS * 1000;
  let frames = 0;
  let bytes = 0;
  while (performance.now() < end) {
    viewer.request(false);
    bytes += (await viewer.update()) * 4;
    frames++;
  }
  return { fps: round(frames / FPS_SECONDS), mbPerSec: round(bytes / FPS_SECONDS / 1e6) };
}

/** Keystroke (a character typed into the guest shell) → the first update that shows it, as a viewer sees it. */
async function latency(viewer: Viewer) {
  viewer.request(false);
  await viewer.update();
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    viewer.request(true);
    const t = performance.now();
    viewer.key(i % 2 === 0 ? 0x78 : 0xff08); // 'x', then BackSpace, so the line does not grow
    await viewer.update();
    samples.push(performance.now() - t);
  }
  return { samples: samples.length, p50Ms: round(median(samples)), p99Ms: round(percentile(samples, 99)) };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'labvisor-bench-vnc-'));
  chmodSync(dir, 0o755);
  const [lab, qemu] = await Promise.all([startLabSsh({ dir: join(dir, 'ssh') }), startQemuVnc(join(dir, 'qemu'))]);
  const s = sshTestServices();
  try {
    const hv = addSshHost(s, 'hv', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 }).id;
    await trustPresentedKey(s, hv);
    // Wait for the guest's shell prompt (the screen stops changing).
    let last = await independentGrab(qemu.port, join(dir, 'g.png'));
    for (let i = 0; i < 90; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const next = await independentGrab(qemu.port, join(dir, 'g.png'));
      if (inkPixels(next) > 500 && pixelDifference(last, next) === 0) break;
      last = next;
    }

    const direct = await openViewer(s, qemu.port);
    const tunnel = await openViewer(s, qemu.port, hv);
    const fpsDirect = await fps(direct);
    const fpsTunnel = await fps(tunnel);
    const latDirect = await latency(direct);
    const latTunnel = await latency(tunnel);
    direct.stream.close();
    tunnel.stream.close();

    global.gc?.();
    const before = process.memoryUsage();
    const viewers = await Promise.all(Array.from({ length: CONSOLES }, () => openViewer(s, qemu.port, hv)));
    // Each console streams full frames for a while, as four busy screens would.
    await Promise.all(
      viewers.map(async (v) => {
        for (let i = 0; i < 20; i++) {
          v.request(false);
          await v.update();
        }
      }),
    );
    global.gc?.();
    const after = process.memoryUsage();
    for (const v of viewers) v.stream.close();
    // Let the SSH channels finish closing (they release the pooled connection) before the services go.
    for (let i = 0; i < 100 && s.ssh.connectionKeys().length > 0; i++) await new Promise((r) => setTimeout(r, 50));

    const fpsRatio = round(fpsTunnel.fps / fpsDirect.fps);
    const latencyRatio = round(latTunnel.p50Ms / latDirect.p50Ms);
    return {
      goals: [
        atLeast('VNC fps through the SSH tunnel vs direct', fpsRatio, 0.8, '×', {
          labvisor: `${fpsTunnel.fps} fps`,
          reference: `${fpsDirect.fps} fps direct`,
        }),
        atMost('VNC input→update p50 through the SSH tunnel vs direct', latencyRatio, 1.2, '×', {
          labvisor: `${latTunnel.p50Ms} ms`,
          reference: `${latDirect.p50Ms} ms direct`,
        }),
      ],
      screen: `${direct.width}x${direct.height}`,
      fps: { direct: fpsDirect, tunnel: fpsTunnel },
      inputToUpdate: {
        direct: latDirect,
        tunnel: latTunnel,
      },
      fourConsolesMainProcess: {
        consoles: CONSOLES,
        rssDeltaMb: round((after.rss - before.rss) / 1e6),
        heapDeltaMb: round((after.heapUsed - before.heapUsed) / 1e6),
        note: 'main-process side only (bridge + SSH channels); the renderer side is not measured here',
      },
    };
  } finally {
    await s.close();
    await Promise.all([lab.stop(), qemu.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
