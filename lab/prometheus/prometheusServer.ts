import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeTcpPort } from '../ssh/freeTcpPort';

export interface PrometheusServer {
  url: string;
  /** An instant query through the HTTP API; the `data.result` vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  log(): string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus (Debian package) on a free loopback port, with its own TSDB under `dir`, scraping one target
 * every 2 s with a Bearer token, as a team would point theirs at `labvisor serve`.
 */
export async function startPrometheus(opts: {
  dir: string;
  target: string;
  token: string;
  metricsPath?: string;
}): Promise<PrometheusServer> {
  mkdirSync(opts.dir, { recursive: true });
  const port = await freeTcpPort();
  const config = join(opts.dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 2s',
      '  evaluation_interval: 2s',
      'scrape_configs:',
      '  - job_name: labvisor',
      '    scrape_interval: 2s',
      '    scrape_timeout: 2s',
      `    metrics_path: ${opts.metricsPath ?? '/metrics'}`,
      '    authorization:',
      `      credentials: ${JSON.stringify(opts.token)}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(opts.target)}]`,
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(opts.dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${output.slice(-2000)}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`prometheus not ready in 30 s: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as { status: string; data: { result: [] }; error?: string };
      if (body.status !== 'success') throw new Error(`query failed: ${body.error}`);
      return body.data.result;
    },
    log: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
