import { spawn, type ChildProcess } from 'node:child_process';
import { freeTcpPort } from '../ssh/freeTcpPort';

export interface NodeExporter {
  url: string;
  /** One scrape, parsed: `name{labels}` → value. */
  scrape(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

/** The Debian prometheus-node-exporter on a free loopback port, with only the collectors asked for. */
export async function startNodeExporter(collectors: string[], extraArgs: string[] = []): Promise<NodeExporter> {
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(
    'prometheus-node-exporter',
    [
      `--web.listen-address=127.0.0.1:${port}`,
      '--collector.disable-defaults',
      ...collectors.map((c) => `--collector.${c}`),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}/metrics`;
  const scrape = async () => parseExposition(await (await fetch(url)).text());
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exporter exited: ${stderr}`);
    try {
      await scrape();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    scrape,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Prometheus text format → `name{labels}` (labels as printed) → value; comments skipped. */
function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+(?:\{.*\})?)\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}
