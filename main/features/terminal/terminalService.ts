import { AppError } from '../../../common/result';
import { printable } from '../../../common/text/printable';
import type { Door } from '../../../common/contract';
import type { TerminalOpened } from '../../../common/contract/terminal';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import type { ByteStream, ByteStreamRegistry } from '../../platform/byteStreams';
import type { EventBus } from '../../platform/eventBus';

/** What the terminal needs from SSH: one interactive shell channel per terminal (held until a viewer attaches). */
type OpenShell = (hostId: number, opts: { cols: number; rows: number; term: string }) => Promise<ByteStream>;

/**
 * Terminals are SSH shells registered as byte streams: this service opens and closes them; the bytes flow over
 * a stream transport (streamSocket / streamPorts), never through the dispatcher.
 */
export interface TerminalDeps {
  openShell: OpenShell;
  streams: ByteStreamRegistry;
  events: EventBus;
  inventory: InventoryService;
  audit: AuditLog;
}

export class TerminalService {
  constructor(private readonly deps: TerminalDeps) {}

  async open(hostId: number, cols: number, rows: number, door: Door): Promise<TerminalOpened> {
    const host = this.deps.inventory.get(hostId);
    const shell = await this.deps.openShell(hostId, { cols, rows, term: 'xterm-256color' });
    const streamId = this.deps.streams.add(shell);
    shell.onEnd((end) => this.deps.events.emit('terminal.ended', { streamId, ...end }));
    this.deps.audit.append({ door, action: 'terminal.open', target: host.name, after: { streamId }, result: 'ok' });
    // The title is shown in a tab and may reach a terminal's title bar: no control characters.
    return { streamId, title: printable(host.ssh.user ? `${host.ssh.user}@${host.name}` : host.name) };
  }

  resize(streamId: string, cols: number, rows: number): void {
    this.get(streamId).resize?.(cols, rows);
  }

  close(streamId: string): void {
    this.deps.streams.get(streamId)?.close();
  }

  private get(streamId: string): ByteStream {
    const stream = this.deps.streams.get(streamId);
    if (!stream) throw new AppError('not_found', 'this terminal has ended');
    return stream;
  }
}
