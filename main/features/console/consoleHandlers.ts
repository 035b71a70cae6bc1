import type { Handlers } from '../../../common/contract';
import type { consoleCommands } from '../../../common/contract/console';
import type { AppServices } from '../../app/services';

export function consoleHandlers({ console: consoles }: Pick<AppServices, 'console'>): Handlers<typeof consoleCommands> {
  return {
    'console.openVnc': (spec, ctx) => consoles.openVnc(spec, ctx.door),
    'console.forgetVncPassword': (spec, ctx) => consoles.forgetVncPassword(spec, ctx.door),
    'console.openSerial': (spec, ctx) => consoles.openSerial(spec, ctx.door),
    'console.resize': ({ streamId, cols, rows }) => (consoles.resize(streamId, cols, rows), {}),
    'console.close': ({ streamId }) => (consoles.close(streamId), {}),
  };
}
