import { AppError } from '../../../common/result';
import type { ByteStream } from '../../platform/byteStreams';

const ENC_RAW = 0;
const ENC_COPYRECT = 1;
const ENC_DESKTOP_SIZE = -223;
/** Refuses absurd sizes before allocating (a hostile server could claim 65535 × 65535). */
const MAX_PIXELS = 8192 * 8192;

export interface Frame {
  width: number;
  height: number;
  /** width × height × 3 bytes, RGB. */
  rgb: Uint8Array;
  name: string;
}

/** Exact-length reads over a byte stream's chunks. */
class StreamReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private wake: (() => void) | null = null;
  private ended: Error | null = null;

  constructor(stream: ByteStream) {
    stream.onData((c) => {
      this.chunks.push(Buffer.from(c));
      this.length += c.byteLength;
      this.wake?.();
    });
    stream.onEnd((end) => {
      this.ended = new AppError('remote_error', `the VNC connection ended: ${end.message}`);
      this.wake?.();
    });
  }

  async read(n: number): Promise<Buffer> {
    while (this.length < n) {
      if (this.ended) throw this.ended;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.length -= n;
    return all.subarray(0, n);
  }
}

/**
 * A minimal RFB 3.8 viewer for scripts (`labvisor vnc --screenshot`): it talks to the bridge's stream, whose
 * security the main process already negotiated (the stream offers only None), asks for a 32-bpp true-colour
 * framebuffer in raw (and copyrect) encoding, and returns the first complete screen.
 */
export async function captureFrame(stream: ByteStream, timeoutMs = 20_000): Promise<Frame> {
  const reader = new StreamReader(stream);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('timeout', `no complete screen within ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([grab(stream, reader), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function grab(stream: ByteStream, r: StreamReader): Promise<Frame> {
  await r.read(12);
  stream.write(Buffer.from('RFB 003.008\n', 'latin1'));
  const types = await r.read((await r.read(1))[0]!);
  if (!types.includes(1)) throw new AppError('remote_error', 'the bridge did not offer security None');
  stream.write(Uint8Array.of(1));
  if ((await r.read(4)).readUInt32BE(0) !== 0) throw new AppError('auth_failed', 'the VNC server refused the session');
  stream.write(Uint8Array.of(1)); // ClientInit: shared, so other viewers stay connected
  const init = await r.read(24);
  let width = init.readUInt16BE(0);
  let height = init.readUInt16BE(2);
  const nameLength = init.readUInt32BE(20);
  if (nameLength > 64 * 1024) throw new AppError('remote_error', 'the VNC server sent an oversized desktop name');
  const name = (await r.read(nameLength)).toString('utf8');
  checkSize(width, height);

  const format = Buffer.alloc(20);
  format.writeUInt8(0, 0); // SetPixelFormat
  format.set([32, 24, 0, 1], 4); // bpp, depth, little endian, true colour
  format.writeUInt16BE(255, 8);
  format.writeUInt16BE(255, 10);
  format.writeUInt16BE(255, 12);
  format.set([16, 8, 0], 14); // red, green, blue shifts
  const encodings = [ENC_RAW, ENC_COPYRECT, ENC_DESKTOP_SIZE];
  const setEncodings = Buffer.alloc(4 + 4 * encodings.length);
  setEncodings.writeUInt8(2, 0);
  setEncodings.writeUInt16BE(encodings.length, 2);
  encodings.forEach((e, i) => setEncodings.writeInt32BE(e, 4 + 4 * i));
  stream.write(Buffer.concat([format, setEncodings, updateRequest(width, height)]));

  let rgb: Uint8Array = new Uint8Array(width * height * 3);
  const painted = new Uint8Array(width * height);
  let remaining = width * height;
  while (remaining > 0) {
    const type = (await r.read(1))[0]!;
    if (type === 0) {
      const count = (await r.read(3)).readUInt16BE(1);
      for (let i = 0; i < count; i++) {
        const h = await r.read(12);
        const [x, y, w, hh, enc] = [
          h.readUInt16BE(0),
          h.readUInt16BE(2),
          h.readUInt16BE(4),
          h.readUInt16BE(6),
          h.readInt32BE(8),
        ];
        if (enc === ENC_DESKTOP_SIZE) {
          checkSize(w, hh);
          width = w;
          height = hh;
          rgb = new Uint8Array(width * height * 3);
          painted.fill(0);
          remaining = width * height;
          stream.write(updateRequest(width, height));
          continue;
        }
        if (x + w > width || y + hh > height)
          throw new AppError('remote_error', `the VNC server sent a rectangle outside the screen`);
        if (enc === ENC_RAW) {
          const data = await r.read(w * hh * 4);
          for (let row = 0; row < hh; row++)
            for (let col = 0; col < w; col++) {
              const s = (row * w + col) * 4;
              const d = ((y + row) * width + x + col) * 3;
              rgb[d] = data[s + 2]!;
              rgb[d + 1] = data[s + 1]!;
              rgb[d + 2] = data[s]!;
            }
        } else if (enc === ENC_COPYRECT) {
          const src = await r.read(4);
          if (src.readUInt16BE(0) + w > width || src.readUInt16BE(2) + hh > height)
            throw new AppError('remote_error', 'the VNC server copied from outside the screen');
          copyRect(rgb, width, src.readUInt16BE(0), src.readUInt16BE(2), x, y, w, hh);
        } else throw new AppError('remote_error', `the VNC server used encoding ${enc}, which was not asked for`);
        for (let row = y; row < y + hh; row++)
          for (let col = x; col < x + w; col++) {
            const p = row * width + col;
            if (painted[p]) continue;
            painted[p] = 1;
            remaining--;
          }
      }
    } else if (type === 1) {
      const head = await r.read(5);
      await r.read(head.readUInt16BE(3) * 6);
    } else if (type === 2) {
      // Bell.
    } else if (type === 3) {
      const head = await r.read(7);
      const length = head.readUInt32BE(3);
      if (length > 1024 * 1024) throw new AppError('remote_error', 'the VNC server sent an oversized clipboard');
      await r.read(length);
    } else throw new AppError('remote_error', `unexpected RFB message type ${type}`);
  }
  return { width, height, rgb, name };
}

function checkSize(width: number, height: number): void {
  if (width === 0 || height === 0 || width * height > MAX_PIXELS)
    throw new AppError('remote_error', `the VNC server reports an unusable screen size ${width}x${height}`);
}

function updateRequest(width: number, height: number): Buffer {
  const b = Buffer.alloc(10);
  b.writeUInt8(3, 0);
  b.writeUInt8(0, 1); // not incremental: the whole screen
  b.writeUInt16BE(width, 6);
  b.writeUInt16BE(height, 8);
  return b;
}

function copyRect(rgb: Uint8Array, width: number, sx: number, sy: number, x: number, y: number, w: number, h: number) {
  const copy = new Uint8Array(w * h * 3);
  for (let row = 0; row < h; row++)
    copy.set(rgb.subarray(((sy + row) * width + sx) * 3, ((sy + row) * width + sx + w) * 3), row * w * 3);
  for (let row = 0; row < h; row++) rgb.set(copy.subarray(row * w * 3, (row + 1) * w * 3), ((y + row) * width + x) * 3);
}
