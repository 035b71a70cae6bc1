import { desEncryptBlock } from './des';

/**
 * The VncAuth response to a 16-byte challenge: DES-ECB of both halves, keyed by the first 8 bytes of the password
 * (zero-padded) with each byte's bits reversed — the original VNC code's quirk that every server reproduces.
 */
export function vncAuthResponse(password: string, challenge: Uint8Array): Uint8Array {
  if (challenge.length !== 16) throw new RangeError('VncAuth challenges are 16 bytes');
  const key = new Uint8Array(8);
  const raw = Buffer.from(password, 'latin1');
  for (let i = 0; i < 8 && i < raw.length; i++) key[i] = reverseBits(raw[i]!);
  const out = new Uint8Array(16);
  out.set(desEncryptBlock(key, challenge.subarray(0, 8)), 0);
  out.set(desEncryptBlock(key, challenge.subarray(8, 16)), 8);
  return out;
}

function reverseBits(byte: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((byte >> i) & 1) << (7 - i);
  return r;
}
