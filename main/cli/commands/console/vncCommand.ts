import { writeFileSync } from 'node:fs';
import { AppError } from '../../../../common/result';
import { encodePng } from '../../../features/console/png';
import { captureFrame } from '../../../features/console/rfbClient';
import { EXIT, callCommand, printJson } from '../../callCommand';
import type { CliCommand } from '../../cliTypes';
import { readStdin } from '../ssh/secretCommand';

/**
 * `unix:/PATH` (a unix socket on the --via host), `HOST:DISPLAY` (display < 100 → port 5900 + display, as vncviewer reads it), `HOST::PORT`, `HOST:PORT` for
 * ports ≥ 100, and `[IPv6]:…`.
 */
export function parseVncTarget(text: string): { address: string; port: number } | { socket: string } | null {
  if (text.startsWith('unix:/')) return { socket: text.slice('unix:'.length) };
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):(:?)(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[4]);
  const port = m[3] === ':' || n >= 100 ? n : 5900 + n;
  if (port < 1 || port > 65535) return null;
  return { address: (m[1] ?? m[2])!, port };
}

/** An address the way vncviewer reads it, else a VM: an inventory host (name or id), or with --via a domain. */
function vncTargetOf(
  text: string,
  via: boolean,
): ReturnType<typeof parseVncTarget> | { vm: string | number } | { domain: string } | null {
  const endpoint = parseVncTarget(text);
  if (endpoint) return endpoint;
  const name = text.trim();
  // An address without a port is a mistake, not a VM's name.
  if (!name || name.startsWith('-') || name.includes(':') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name)) return null;
  if (via) return { domain: name };
  return { vm: /^\d+$/.test(name) ? Number(name) : name };
}

export const vncCommand: CliCommand = {
  name: 'vnc',
  summary: "Save a VM's or a VNC server's current screen as PNG (directly, or through a host's SSH connection)",
  usage:
    'labvisor vnc VM|HOST:DISPLAY|HOST::PORT|unix:/PATH --screenshot FILE.png [--via HOST] [--password-stdin] [--json]',
  options: {
    screenshot: { type: 'string' },
    via: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    timeout: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const target = positionals.length === 1 ? vncTargetOf(positionals[0]!, typeof values.via === 'string') : null;
    const file = values.screenshot;
    const timeoutSec = values.timeout === undefined ? 20 : Number(values.timeout);
    if (!target || typeof file !== 'string' || !file || !(timeoutSec > 0)) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const password = values['password-stdin'] ? await readStdin(ctx.io) : undefined;
    const opened = await callCommand(ctx, 'console.openVnc', {
      ...target,
      via: typeof values.via === 'string' ? values.via : undefined,
      password,
    });
    const stream = ctx.services().streams.get(opened.streamId)!;
    try {
      const frame = await captureFrame(stream, timeoutSec * 1000);
      writeFileSync(file, encodePng(frame.width, frame.height, frame.rgb));
      const result = { file, width: frame.width, height: frame.height, desktop: frame.name, ...opened };
      if (ctx.json) printJson(ctx, result);
      else ctx.io.stdout.write(`${file}: ${frame.width}x${frame.height} from ${opened.title}\n`);
      return EXIT.ok;
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('internal', (error as Error).message);
      ctx.io.stderr.write(
        ctx.json ? JSON.stringify({ error: { code: e.code, message: e.message } }) + '\n' : `labvisor: ${e.message}\n`,
      );
      return e.code === 'timeout' ? EXIT.unreachable : EXIT.error;
    } finally {
      stream.close();
    }
  },
};
