import type { Handlers } from '../../../common/contract';
import type { terminalCommands } from '../../../common/contract/terminal';
import type { AppServices } from '../../app/services';
import { TerminalService } from './terminalService';

export function terminalHandlers(s: AppServices): Handlers<typeof terminalCommands> {
  const terminals = new TerminalService({
    openShell: (hostId, opts) => s.ssh.openShell(hostId, opts),
    streams: s.streams,
    events: s.events,
    inventory: s.inventory,
    audit: s.audit,
  });
  return {
    'terminal.open': ({ hostId, cols, rows }, ctx) => terminals.open(hostId, cols, rows, ctx.door),
    'terminal.resize': ({ streamId, cols, rows }) => (terminals.resize(streamId, cols, rows), {}),
    'terminal.close': ({ streamId }) => (terminals.close(streamId), {}),
  };
}
