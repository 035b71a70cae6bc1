import { describe, expect, it } from 'vitest';
import { desEncryptBlock } from './des';
import { vncAuthResponse } from './vncAuth';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('DES', () => {
  it('matches the textbook vectors', () => {
    expect(toHex(desEncryptBlock(hex('133457799bbcdff1'), hex('0123456789abcdef')))).toBe('85e813540f0ab405');
    expect(toHex(desEncryptBlock(hex('0e329232ea6d0d73'), hex('8787878787878787')))).toBe('0000000000000000');
  });

  it('refuses wrong sizes', () => {
    expect(() => desEncryptBlock(new Uint8Array(7), new Uint8Array(8))).toThrow(RangeError);
  });
});

describe('vncAuthResponse', () => {
  // Expected value from `openssl enc -des-ecb -provider legacy -nopad` with the bit-reversed key of "secret12".
  it('encrypts both halves with the bit-reversed password', () => {
    const challenge = Buffer.from('labvisor-challen', 'latin1');
    expect(toHex(vncAuthResponse('secret12', challenge))).toBe('674c134a207a45bbe4782ce3a4d5e744');
  });

  it('uses only the first 8 characters, like every VNC server', () => {
    const challenge = Buffer.from('labvisor-challen', 'latin1');
    expect(vncAuthResponse('secret12-and-more', challenge)).toEqual(vncAuthResponse('secret12', challenge));
    expect(vncAuthResponse('secret', challenge)).not.toEqual(vncAuthResponse('secret12', challenge));
  });
});
