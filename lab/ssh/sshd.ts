import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeTcpPort } from './freeTcpPort';
import { descendantsOf, isAlive } from './processTree';

export interface SshdOptions {
  /** Where this sshd keeps its config, host key, pid and log (created if missing). */
  dir: string;
  name?: string;
  address?: string;
  /** Default: a free loopback port (only when not in a namespace; there it defaults to 22). */
  port?: number;
  /** Run inside this network namespace (`ip netns exec`). */
  netns?: string;
  /** An AuthorizedKeysFile every user shares (see clientKeys.ts); without it, ~/.ssh/authorized_keys. */
  authorizedKeysFile?: string;
  hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
  /** sshd's MaxSessions: the session channels (shells, execs) one connection may carry; OpenSSH's default is 10. */
  maxSessions?: number;
  /** sshd_config lines that override the defaults below, e.g. `UsePAM yes`. */
  extraConfig?: string[];
}

export interface SshdInstance {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly dir: string;
  pid(): number;
  /** The host key's fingerprint as OpenSSH prints it (`SHA256:...`). */
  fingerprint(): string;
  /** Generates a new host key (takes effect on the next start). */
  rotateHostKey(): void;
  start(): Promise<void>;
  /** SIGTERM to the listener; with `sessions`, SIGKILL to its live sessions too (a crashed server). */
  stop(opts?: { sessions?: boolean }): Promise<void>;
  log(): string;
}

/**
 * A real OpenSSH sshd with its own host key and config, listening on loopback (or inside a namespace).
 * `UsePAM no`: a wrong password fails in ~0.1 s instead of PAM's ~3 s delay (and keyboard-interactive is then
 * unavailable: OpenSSH only offers it through PAM or BSD auth). `StrictModes no`: the shared authorized_keys
 * lives in a test directory, not in the user's home.
 */
export async function startSshd(opts: SshdOptions): Promise<SshdInstance> {
  const name = opts.name ?? 'sshd';
  const address = opts.address ?? '127.0.0.1';
  const port = opts.port ?? (opts.netns ? 22 : await freeTcpPort(address));
  const dir = join(opts.dir, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(opts.dir, 0o755);
  chmodSync(dir, 0o755);
  const keyType = opts.hostKeyType ?? 'ed25519';
  const hostKey = join(dir, `ssh_host_${keyType}_key`);
  const config = join(dir, 'sshd_config');
  const logFile = join(dir, 'log');
  const generateHostKey = () => {
    rmSync(hostKey, { force: true });
    rmSync(`${hostKey}.pub`, { force: true });
    execFileSync('ssh-keygen', ['-q', '-t', keyType, '-N', '', '-C', name, '-f', hostKey], { stdio: 'ignore' });
  };
  generateHostKey();
  mkdirSync('/run/sshd', { recursive: true });
  writeFileSync(
    config,
    [
      // sshd takes the first value it reads for a keyword, so the caller's lines go first.
      ...(opts.extraConfig ?? []),
      ...(opts.maxSessions === undefined ? [] : [`MaxSessions ${opts.maxSessions}`]),
      `ListenAddress ${address.includes(':') ? `[${address}]` : address}:${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${opts.authorizedKeysFile ?? '.ssh/authorized_keys'}`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication yes',
      'UsePAM no',
      'PermitRootLogin no',
      'AllowTcpForwarding yes',
      'X11Forwarding no',
      'PrintMotd no',
      'UseDNS no',
      'MaxStartups 100:30:200',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  execFileSync('/usr/sbin/sshd', ['-t', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });

  let child: ChildProcess | null = null;
  const instance: SshdInstance = {
    name,
    address,
    port,
    dir,
    pid: () => child?.pid ?? -1,
    fingerprint: () => {
      const blob = Buffer.from(readFileSync(`${hostKey}.pub`, 'utf8').split(' ')[1]!, 'base64');
      return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
    },
    rotateHostKey: generateHostKey,
    async start() {
      if (child && isAlive(child.pid!)) return;
      const offset = existsSync(logFile) ? readFileSync(logFile, 'utf8').length : 0;
      const out = openSync(logFile, 'a');
      const argv = ['-D', '-e', '-f', config];
      child = opts.netns
        ? spawn('ip', ['netns', 'exec', opts.netns, '/usr/sbin/sshd', ...argv], { stdio: ['ignore', out, out] })
        : spawn('/usr/sbin/sshd', argv, { stdio: ['ignore', out, out] });
      closeSync(out);
      await waitForListening(logFile, offset, child);
    },
    async stop(stopOpts = {}) {
      const current = child;
      if (!current?.pid || current.exitCode !== null) return;
      const sessions = stopOpts.sessions ? descendantsOf(current.pid) : [];
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGTERM');
      for (const pid of sessions) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await exited;
    },
    log: () => readFileSync(logFile, 'utf8'),
  };
  await instance.start();
  return instance;
}

/** Waits for sshd's "Server listening" line written after `offset` in its log. */
async function waitForListening(logFile: string, offset: number, child: ChildProcess): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < 10_000) {
    const text = readFileSync(logFile, 'utf8').slice(offset);
    if (child.exitCode !== null) throw new Error(`sshd exited: ${text.slice(-2000)}`);
    if (text.includes('Server listening on')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`sshd did not start listening within 10 s: ${logFile}`);
}
