import type { Duplex } from 'node:stream';
import { AppError } from '../../../common/result';
import { ByteReader } from './byteReader';
import { vncAuthResponse } from './vncAuth';

const SEC_NONE = 1;
const SEC_VNCAUTH = 2;
const SECURITY_NAMES: Record<number, string> = { 1: 'None', 2: 'VncAuth', 16: 'Tight', 18: 'TLS', 19: 'VeNCrypt' };

export interface HandshakeResult {
  /** `3.3`, `3.7` or `3.8`: what both ends agreed on. */
  version: string;
  security: 'none' | 'vncauth';
  /** Bytes that arrived after the handshake (normally none: the server waits for ClientInit). */
  leftover: Buffer;
}

/**
 * The client side of the RFB handshake up to (not including) ClientInit, done in the main process so the VNC
 * password never reaches a viewer: ProtocolVersion, security negotiation (None, or VncAuth with `password`) and
 * SecurityResult. Throws `auth_failed` with `{ needsPassword: true }` when VncAuth is required and no password
 * was given, plain `auth_failed` when the server rejects it.
 */
export async function rfbHandshake(
  duplex: Duplex,
  label: string,
  password: string | undefined,
  timeoutMs = 10_000,
): Promise<HandshakeResult> {
  const reader = new ByteReader(duplex, label, timeoutMs);
  try {
    const greeting = (await reader.read(12)).toString('latin1');
    const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(greeting);
    if (!m) throw new AppError('remote_error', `${label} is not a VNC server (it said ${JSON.stringify(greeting)})`);
    const minor = Number(m[1]) > 3 ? 8 : Math.min(Number(m[2]), 8);
    // 3.4/3.6 are Apple's and UltraVNC's names for 3.3; anything newer than 3.8 is answered as 3.8.
    const version = minor >= 8 ? '3.8' : minor === 7 ? '3.7' : '3.3';
    duplex.write(`RFB 003.00${version.at(-1)}\n`);

    let chosen: number;
    if (version === '3.3') {
      chosen = await reader.u32();
      if (chosen === 0) throw new AppError('remote_error', `${label} refused: ${await reader.text()}`);
    } else {
      const count = await reader.u8();
      if (count === 0) throw new AppError('remote_error', `${label} refused: ${await reader.text()}`);
      const offered = [...(await reader.read(count))];
      chosen = choose(offered, password, label);
      duplex.write(Uint8Array.of(chosen));
    }

    if (chosen === SEC_VNCAUTH) {
      if (password === undefined) throw needsPassword(label);
      const challenge = await reader.read(16);
      duplex.write(vncAuthResponse(password, challenge));
    } else if (chosen !== SEC_NONE) {
      throw new AppError('unsupported', `${label} requires ${SECURITY_NAMES[chosen] ?? `security type ${chosen}`}`);
    }
    // 3.8 always sends SecurityResult; earlier versions only after VncAuth.
    if (version === '3.8' || chosen === SEC_VNCAUTH) {
      const result = await reader.u32();
      if (result !== 0) {
        const reason = version === '3.8' ? await reader.text().catch(() => '') : '';
        throw new AppError(
          'auth_failed',
          chosen === SEC_VNCAUTH
            ? `${label} rejected the VNC password${reason ? `: ${reason}` : ''}`
            : `${label} refused the connection${reason ? `: ${reason}` : ''}`,
        );
      }
    }
    return { version, security: chosen === SEC_VNCAUTH ? 'vncauth' : 'none', leftover: reader.detach() };
  } catch (error) {
    reader.detach();
    throw error;
  }
}

function choose(offered: number[], password: string | undefined, label: string): number {
  if (offered.includes(SEC_VNCAUTH) && password !== undefined) return SEC_VNCAUTH;
  if (offered.includes(SEC_NONE)) return SEC_NONE;
  if (offered.includes(SEC_VNCAUTH)) throw needsPassword(label);
  const names = offered.map((t) => SECURITY_NAMES[t] ?? String(t)).join(', ');
  throw new AppError(
    'unsupported',
    `${label} offers only ${names}; Labvisor speaks None and VncAuth (e.g. Xtigervnc -SecurityTypes VncAuth)`,
  );
}

function needsPassword(label: string): AppError {
  return new AppError('auth_failed', `${label} asks for a VNC password`, { needsPassword: true });
}
