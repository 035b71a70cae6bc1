import { AppError } from '../../../common/result';
import { child, children, parseXml, XmlError } from './xml';
import type { VirshClient } from './virshClient';

/** Where a domain's VNC server listens, as its live XML says. */
export interface VncGraphics {
  /** Whether the domain is running (live XML carries `id`); an autoport port exists only then. */
  running: boolean;
  /** The live port; null for autoport while stopped (libvirt writes -1) or for a socket listener. */
  port: number | null;
  /** The listen address (`listen=` or `<listen type='address|network' address>`); null when none is set. */
  listen: string | null;
  /** A unix socket listener (`<graphics socket>` or `<listen type='socket'>`). */
  socket: string | null;
  /** `<listen type='none'>`: QEMU opens no listener at all; only libvirt can hand the screen out. */
  noListener: boolean;
}

/** The first VNC `<graphics>` of a domain's XML, null when it has none; the other graphics types it has. */
export function parseVncGraphics(xml: string): { vnc: VncGraphics | null; others: string[] } {
  const domain = parseXml(xml);
  if (domain.name !== 'domain') throw new XmlError(`expected <domain>, got <${domain.name}>`);
  const all = children(child(domain, 'devices'), 'graphics');
  const g = all.find((e) => e.attrs.type === 'vnc');
  const others = all.filter((e) => e.attrs.type !== 'vnc').map((e) => e.attrs.type ?? 'unknown');
  if (!g) return { vnc: null, others };
  const listens = children(g, 'listen');
  const socketListen = listens.find((l) => l.attrs.type === 'socket');
  const addressListen = listens.find((l) => l.attrs.address !== undefined);
  const port = /^\d+$/.test(g.attrs.port ?? '') ? Number(g.attrs.port) : null;
  return {
    vnc: {
      running: domain.attrs.id !== undefined && domain.attrs.id !== '-1',
      port: port !== null && port > 0 && port < 65536 ? port : null,
      listen: g.attrs.listen ?? addressListen?.attrs.address ?? null,
      socket: g.attrs.socket ?? socketListen?.attrs.socket ?? null,
      noListener: listens.length > 0 && listens.every((l) => l.attrs.type === 'none'),
    },
    others,
  };
}

/**
 * The domain's VNC graphics from its live XML (one virsh call): an autoport VM's real port exists only there,
 * the stored definition says -1. No `--security-info`, so the password never travels.
 */
export async function liveVncGraphics(
  virsh: VirshClient,
  domain: string,
): Promise<{ vnc: VncGraphics | null; others: string[] }> {
  const xml = await virsh.run(['dumpxml', '--domain', domain]);
  try {
    return parseVncGraphics(xml);
  } catch (error) {
    if (error instanceof XmlError)
      throw new AppError('remote_error', `${virsh.hostName}: unreadable domain XML (${error.message})`);
    throw error;
  }
}
