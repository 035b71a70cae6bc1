import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_TOKEN_LENGTH } from '../../transports/http/requestGuard';
import { startMetricsSoon } from '../../app/openServices';
import type { AppServices } from '../../app/services';
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
  usage: 'labvisor serve [--port N] [--data-dir DIR] [--read-only] [--no-collect] [--renderer-dir DIR]',
  options: { port: { type: 'string' }, 'renderer-dir': { type: 'string' }, 'no-collect': { type: 'boolean' } },
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
    // The server listens before the services open (SQLite, migrations, the vault): it opens them while the
    // browser runs the page it has fetched, and the page's first call waits for them (see ServicesGate).
    const server = await startServer({
      services: async () => ctx.services(),
      port,
      rendererDir: (values['renderer-dir'] as string | undefined) ?? defaultRendererDir(),
      ...(token ? { token } : {}),
    });
    // Ctrl+C or SIGTERM stops it cleanly from before it prints its URL (whoever reads it may signal at once),
    // also before the services have opened.
    const stopped = new Promise<null>((resolveStop) => {
      const stop = () => resolveStop(null);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    if (ctx.json)
      ctx.io.stdout.write(JSON.stringify({ url: server.url, port: server.port, dataDir: ctx.dataDir }) + '\n');
    else {
      ctx.io.stdout.write(`Labvisor is serving ${ctx.dataDir}\n`);
      ctx.io.stdout.write(`Open ${server.url}\n`);
      ctx.io.stdout.write('The token in that URL is the only key to this server; keep it to yourself. Ctrl+C stops.\n');
    }
    let services: AppServices | null;
    try {
      services = await Promise.race([server.services, stopped]);
    } catch (error) {
      // Nothing was answered from them: what waited for them got 503.
      await server.close();
      throw error;
    }
    if (!services) {
      await server.close();
      return EXIT.ok;
    }
    warmFirstCalls(services);
    const removeLastResort = keepServingOnStrayErrors(services.log);
    // Metrics are not needed for the first page: they start once it has been served (see startMetricsSoon).
    // --no-collect: nothing connects to a host unless asked (no probes, no samplers), e.g. to look through an
    // inventory whose addresses must not be contacted from here.
    const cancelMetrics = values['no-collect'] ? () => undefined : startMetricsSoon(services);
    await stopped;
    cancelMetrics();
    await server.close();
    removeLastResort();
    return EXIT.ok;
  },
};

/** The read-only queries the hosts page makes before it can paint (renderer/src/app/homeView.ts, hostsStore.ts). */
export const FIRST_PAGE_QUERIES = [
  ['app.info', {}],
  ['inventory.pageHosts', { after: null, limit: 1 }],
] as const;

/**
 * Runs the first page's queries once while the browser is still fetching and running the page, so their
 * modules, schemas and SQL statements are ready when the page asks: the answers themselves are thrown away
 * (each call of the page is answered afresh, from the data as it is then).
 */
function warmFirstCalls(services: AppServices): void {
  for (const [name, input] of FIRST_PAGE_QUERIES) void services.dispatch(name, input, { door: 'ws' });
}

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
