import { AppError } from '../../../common/result';
import type { ByteStream } from '../../platform/byteStreams';
import { shellCommand } from '../../../common/text/shellQuote';
import { heldStream } from './heldStream';

export interface VirshConsoleSpec {
  domain: string;
  alias?: string;
  uri?: string;
  force: boolean;
}

const CONNECTED = /Connected to domain/;
const IN_USE = /Active console session exists|console is already in use|already.*console/i;
const ERROR_LINE = /error: (.*)/;

/** The remote command, every value quoted by the one shell-quoting function. */
export function virshConsoleCommand(spec: VirshConsoleSpec): string {
  const args = ['virsh'];
  if (spec.uri) args.push('-c', spec.uri);
  args.push('console');
  if (spec.force) args.push('--force');
  if (spec.alias) args.push('--devname', spec.alias);
  args.push('--', spec.domain);
  return shellCommand(args);
}

/**
 * Waits until virsh says it is connected (its banner stays in the stream for the viewer) or fails: "console
 * already in use" becomes `conflict` (the caller may retry with force), other virsh errors `remote_error`.
 * A guest that stays silent after connecting gets a hint instead of a blank screen.
 */
export async function startVirshConsole(
  open: () => Promise<ByteStream>,
  spec: VirshConsoleSpec,
  label: string,
  opts: { timeoutMs?: number; silentHintMs?: number; settleMs?: number } = {},
): Promise<ByteStream> {
  const stream = heldStream(await open());
  let seen = '';
  const decoder = new TextDecoder();
  await new Promise<void>((resolve, reject) => {
    const fail = (error: AppError) => {
      cleanup();
      stream.close();
      reject(error);
    };
    let settle: NodeJS.Timeout | undefined;
    const timer = setTimeout(
      () => fail(new AppError('timeout', `${label}: virsh console did not connect`)),
      opts.timeoutMs ?? 20_000,
    );
    const offPeek = stream.watch((chunk) => {
      seen += decoder.decode(chunk, { stream: true });
      if (IN_USE.test(seen))
        fail(
          new AppError('conflict', `${label}: the serial console is in use by another session; open it with force`, {
            inUse: true,
          }),
        );
      else if (CONNECTED.test(seen) && !settle)
        // virsh prints its banner before it asks libvirt for the console; a refusal follows within moments.
        settle = setTimeout(() => {
          cleanup();
          resolve();
        }, opts.settleMs ?? 1_500);
    });
    const offEnd = stream.onEnd((end) => {
      const error = ERROR_LINE.exec(seen)?.[1]?.trim();
      fail(new AppError('remote_error', `${label}: ${error ?? end.message}`));
    });
    const cleanup = () => {
      clearTimeout(timer);
      clearTimeout(settle);
      offPeek();
      offEnd();
    };
  });
  const connectedAt = stream.received();
  const hint = setTimeout(() => {
    if (stream.received() === connectedAt)
      stream.notice(
        'no output from the guest yet: press Enter; a guest with no getty on its serial port ' +
          '(console=ttyS0, serial-getty@ttyS0) stays silent',
      );
  }, opts.silentHintMs ?? 3_000);
  stream.onEnd(() => clearTimeout(hint));
  if (spec.force) stream.notice(`took the console of ${spec.domain} from the session that held it`);
  return stream;
}
