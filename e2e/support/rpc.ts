import { WebSocket } from 'ws';
import type { CommandInput, CommandName, CommandOutput } from '../../common/contract';
import type { LabvisorServer } from './labvisorServer';

/** One command through the same /rpc WebSocket and dispatcher the page uses (token as a Bearer header). */
export async function rpc<N extends CommandName>(
  server: Pick<LabvisorServer, 'port' | 'token'>,
  name: N,
  input: CommandInput<N>,
): Promise<CommandOutput<N>> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, {
    headers: { Authorization: `Bearer ${server.token}` },
    maxPayload: 256 * 1024 * 1024,
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    ws.send(JSON.stringify({ type: 'call', id: 1, name, input }));
    const reply = await new Promise<{ result: { ok: boolean; value: unknown; message?: string } }>((resolve) =>
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString()) as { type: string; result: { ok: boolean; value: unknown } };
        if (msg.type === 'result') resolve(msg);
      }),
    );
    if (!reply.result.ok) throw new Error(`${name}: ${reply.result.message}`);
    return reply.result.value as CommandOutput<N>;
  } finally {
    ws.close();
  }
}
