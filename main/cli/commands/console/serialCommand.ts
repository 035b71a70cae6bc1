import { attachTerminal } from '../../attachTerminal';
import { callCommand, EXIT } from '../../callCommand';
import type { CliCommand } from '../../cliTypes';

const TILDE = 0x7e;
const DOT = 0x2e;

/**
 * Watches keystrokes for `~.` at the start of a line (OpenSSH's escape): virsh's own escape is Ctrl+], which
 * terminals and tmux users often cannot type. `~~` sends one tilde.
 */
export function escapeWatcher(send: (data: Uint8Array) => void, quit: () => void) {
  let lineStart = true;
  let pendingTilde = false;
  return (chunk: Uint8Array) => {
    const out: number[] = [];
    for (const byte of chunk) {
      if (pendingTilde) {
        pendingTilde = false;
        if (byte === DOT) {
          if (out.length) send(Uint8Array.from(out));
          return quit();
        }
        out.push(TILDE);
        if (byte === TILDE) {
          lineStart = false;
          continue;
        }
      } else if (lineStart && byte === TILDE) {
        pendingTilde = true;
        continue;
      }
      out.push(byte);
      lineStart = byte === 13 || byte === 10;
    }
    if (out.length) send(Uint8Array.from(out));
  };
}

export const consoleCommand: CliCommand = {
  name: 'console',
  summary: "Open a VM's serial console (virsh console over SSH on its hypervisor; ~. quits)",
  usage: 'labvisor console VM [--force] [--devname ALIAS] | labvisor console DOMAIN --via HOST [--uri URI] [--force]',
  options: {
    force: { type: 'boolean' },
    via: { type: 'string' },
    uri: { type: 'string' },
    devname: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const stdout = ctx.io.stdout as NodeJS.WriteStream;
    const via = typeof values.via === 'string' ? values.via : undefined;
    const { streamId, title } = await callCommand(ctx, 'console.openSerial', {
      ...(via ? { domain: positionals[0]!, via } : { vm: positionals[0]! }),
      uri: typeof values.uri === 'string' ? values.uri : undefined,
      alias: typeof values.devname === 'string' ? values.devname : undefined,
      force: Boolean(values.force),
      cols: stdout.columns ?? 80,
      rows: stdout.rows ?? 24,
    });
    const serial = ctx.services().streams.get(streamId)!;
    ctx.io.stderr.write(`[${title} connected; type ~. at the start of a line to quit]\r\n`);
    const input = escapeWatcher(
      (data) => serial.write(data),
      () => serial.close(),
    );
    const end = await attachTerminal(ctx.io, serial, { input, closeOnInputEnd: true });
    ctx.io.stderr.write(`\r\n[${end.message}]\n`);
    return end.code ? EXIT.unreachable : EXIT.ok;
  },
};
