import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_TOKEN_LENGTH } from '../../transports/http/requestGuard';
import { startMetricsSoon } from '../../app/openServices';
import type { Logger } from '../../platform/log';
import { EXIT } from '../callCommand';
import type { CliCommand } from '../cliTypes';

/** Built layout: out/main/cli.cjs, its lazily loaded parts in out/main/chunks/, beside out/renderer/. */
function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(basename(here) === 'chunks' ? dirname(here) : here, '../renderer');
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run Labvisor headless: the UI on http://127.0.0.1 with an access token',
  usage: 'labvisor serve [--port N] [--data-dir DIR] [--read-only] [--renderer-dir DIR]',
  options: { port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
  async run(ctx, { values }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      ctx.io.stderr.write(`labvisor: --port must be a number from 0 to 65535\n`);
      return EXIT.usage;
    }
    const token = ctx.io.env.LABVISOR_TOKEN || undefined;
    if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
      ctx.io.stderr.write(`labvisor: LABVISOR_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters long\n`);
      return EXIT.usage;
    }
    // The HTTP/WebSocket server (and ws) load only for `serve`.
    const { startServer } = await import('../../transports/http/server');
    const services = ctx.services();
    const removeLastResort = keepServingOnStrayErrors(services.log);
    const server = await startServer({
      services,
      port,
      rendererDir: (values['renderer-dir'] as string | undefined) ?? defaultRendererDir(),
      ...(token ? { token } : {}),
    });
    if (ctx.json)
      ctx.io.stdout.write(JSON.stringify({ url: server.url, port: server.port, dataDir: ctx.dataDir }) + '\n');
    else {
      ctx.io.stdout.write(`Labvisor is serving ${ctx.dataDir}\n`);
      ctx.io.stdout.write(`Open ${server.url}\n`);
      ctx.io.stdout.write('The token in that URL is the only key to this server; keep it to yourself. Ctrl+C stops.\n');
    }
    // Metrics are not needed for the first page: they start once it has been served (see startMetricsSoon).
    const cancelMetrics = startMetricsSoon(services);
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    cancelMetrics();
    await server.close();
    removeLastResort();
    return EXIT.ok;
  },
};

/**
 * The last resort: an error that escaped every handler is logged and the server keeps serving, rather than
 * one bad request ending every terminal and console of every tab. Each one is a bug to fix.
 */
function keepServingOnStrayErrors(log: Logger): () => void {
  const onRejection = (reason: unknown) =>
    log.error('unhandled rejection (kept serving)', { error: String((reason as Error)?.stack ?? reason) });
  const onException = (error: Error) =>
    log.error('uncaught exception (kept serving)', { error: String(error?.stack ?? error) });
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
