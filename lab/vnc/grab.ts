import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { REPO_ROOT } from '../labPaths';

export interface Rgb {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** A frame grabbed by rfb_grab.py, which shares no code with Labvisor's RFB client: the tests' judge. */
export function independentGrab(port: number, out: string, password?: string): Promise<Rgb> {
  const args = [join(REPO_ROOT, 'lab/vnc/rfb_grab.py'), '127.0.0.1', String(port), out];
  if (password !== undefined) args.push(password);
  return new Promise((resolve, reject) =>
    execFile('python3', args, { timeout: 30_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`rfb_grab.py: ${stderr || error.message}`)) : resolve(readPng(out)),
    ),
  );
}

/** Decodes the 8-bit RGB, non-interlaced PNGs that rfb_grab.py and Labvisor write (filter type 0 or any). */
export function readPng(file: string): Rgb {
  const png = readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2 || data[12] !== 0) throw new Error('only 8-bit RGB non-interlaced PNGs');
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const prev = y > 0 ? rgb.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      const b = prev[i]!;
      const c = i >= 3 ? prev[i - 3]! : 0;
      const predictor =
        filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      rgb[y * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  return { width, height, rgb };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Fraction of pixels that differ. */
export function pixelDifference(a: Rgb, b: Rgb): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  for (let p = 0; p < a.width * a.height; p++)
    if (a.rgb[p * 3] !== b.rgb[p * 3] || a.rgb[p * 3 + 1] !== b.rgb[p * 3 + 1] || a.rgb[p * 3 + 2] !== b.rgb[p * 3 + 2])
      differ++;
  return differ / (a.width * a.height);
}

/** Pixels that are not the background colour (the top-left pixel): text on a console screen. */
export function inkPixels(a: Rgb): number {
  let ink = 0;
  for (let p = 0; p < a.width * a.height; p++)
    if (a.rgb[p * 3] !== a.rgb[0] || a.rgb[p * 3 + 1] !== a.rgb[1] || a.rgb[p * 3 + 2] !== a.rgb[2]) ink++;
  return ink;
}

/** The bounding box of the pixels that differ (null when none do), e.g. to allow for a blinking text cursor. */
export function differingBox(a: Rgb, b: Rgb): { width: number; height: number } | null {
  if (a.width !== b.width || a.height !== b.height) return { width: a.width, height: a.height };
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let p = 0; p < a.width * a.height; p++)
    if (
      a.rgb[p * 3] !== b.rgb[p * 3] ||
      a.rgb[p * 3 + 1] !== b.rgb[p * 3 + 1] ||
      a.rgb[p * 3 + 2] !== b.rgb[p * 3 + 2]
    ) {
      const [x, y] = [p % a.width, Math.floor(p / a.width)];
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  return x1 < 0 ? null : { width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** At most the text cursor's one character cell (9×16 pixels) differs: it blinks on a settled screen. */
function sameButCursor(a: Rgb, b: Rgb): boolean {
  const box = differingBox(a, b);
  return box === null || (box.width <= 9 && box.height <= 16);
}

/**
 * The guest's screen, grabbed independently into `file`, once it stops changing but for its blinking cursor (a
 * booted guest at its shell prompt). Grabs once a second for up to `seconds`.
 */
export async function settledGrab(port: number, file: string, seconds = 150): Promise<Rgb> {
  let last = await independentGrab(port, file);
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const next = await independentGrab(port, file);
    if (inkPixels(next) > 500 && sameButCursor(last, next)) return next;
    last = next;
  }
  throw new Error('the guest screen never settled');
}
