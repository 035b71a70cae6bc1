import type { Handlers } from '../../../common/contract';
import type { terminalCommands } from '../../../common/contract/terminal';
import type { SshService } from '../ssh/sshService';
import { TerminalService, type TerminalDeps } from './terminalService';

export interface TerminalHandlerDeps extends Omit<TerminalDeps, 'openShell'> {
  ssh: Pick<SshService, 'openShell'>;
}

export function terminalHandlers(s: TerminalHandlerDeps): Handlers<typeof terminalCommands> {
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
