import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../lab/labPaths';

export interface LabvisorServer {
  /**
   * The tokened URL `labvisor serve` printed (opening it trades the token for a cookie), opening the hosts view:
   * with hosts in the inventory the app's home is the dashboard, and most specs start from the hosts.
   */
  url: string;
  /** The tokened URL as printed: the app picks its home view. */
  homeUrl: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real `labvisor serve` (the built app, `npm run build` first) on a fresh temporary data directory
 * (a real SQLite file) and a port the kernel picks, with a token fixed through LABVISOR_TOKEN. `collect: false`
 * starts it with --no-collect (no reachability probes or metric samplers).
 */
export async function startLabvisor(opts: { collect?: boolean } = {}): Promise<LabvisorServer> {
  if (!existsSync(join(REPO_ROOT, 'out/renderer/index.html'))) throw new Error('Labvisor is not built: npm run build');
  const work = mkdtempSync(join(tmpdir(), 'labvisor-e2e-'));
  const dataDir = join(work, 'data');
  const token = randomBytes(24).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'bin/labvisor.js'),
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--json',
      // Specs whose inventory holds made-up addresses collect nothing: no probe may leave loopback.
      ...(opts.collect === false ? ['--no-collect'] : []),
    ],
    { env: { ...process.env, LABVISOR_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) resolve(JSON.parse(line) as { url: string; port: number });
    });
    child.once('exit', (code) => reject(new Error(`labvisor serve exited with ${code} before listening`)));
  });
  return {
    url: `${info.url}#/hosts`,
    homeUrl: info.url,
    origin: new URL(info.url).origin,
    port: info.port,
    token,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
