import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freeTcpPort } from './freeTcpPort';
import { startSshd, type SshdInstance } from './sshd';

export interface JumpTopology {
  /** sshd A: reachable from here only at 127.0.0.1:jumpPort (a socat bridge into its namespace). */
  jump: SshdInstance;
  jumpPort: number;
  /** The jump's namespace, for peers that must be reachable from the jump host only (a BMC behind it). */
  jumpNetns: string;
  /** sshd B: at targetAddress:22 inside its own namespace, reachable only from A over a veth pair. */
  target: SshdInstance;
  targetAddress: string;
  stop(): Promise<void>;
}

/**
 * Why this process cannot create network namespaces (it needs root: CAP_SYS_ADMIN and CAP_NET_ADMIN), or null when
 * it can. The jump-chain test fails with this reason rather than skipping: a chain never tested is not proven.
 */
export function netnsUnavailable(): string | null {
  const probe = `lvp${randomBytes(3).toString('hex')}`;
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('ip', ['netns', 'del', probe], { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}

/**
 * Two namespaces, uniquely named so parallel runs do not collide:
 *   root --127.0.0.1:jumpPort (socat via a unix socket)--> ns A [sshd on its 127.0.0.1:22, veth 10.254.N.1]
 *   ns A <==veth==> ns B [10.254.N.2, sshd on :22]
 * The root namespace gets no address or route for 10.254.N.0/24, so B is reachable only through A.
 */
export async function startJumpTopology(opts: { dir: string; authorizedKeysFile: string }): Promise<JumpTopology> {
  const tag = randomBytes(3).toString('hex');
  const nsA = `lva${tag}`;
  const nsB = `lvb${tag}`;
  const subnet = `10.254.${16 + (parseInt(tag.slice(0, 2), 16) % 200)}`;
  const targetAddress = `${subnet}.2`;
  const dir = join(opts.dir, `jump-${tag}`);
  mkdirSync(dir, { recursive: true });
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const bridges: ChildProcess[] = [];
  const sshds: SshdInstance[] = [];

  const stop = async () => {
    for (const b of bridges) b.kill('SIGTERM');
    for (const s of sshds) await s.stop({ sessions: true });
    for (const ns of [nsA, nsB]) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // Never created.
      }
    }
  };
  try {
    ip('netns', 'add', nsA);
    ip('netns', 'add', nsB);
    ip('-n', nsA, 'link', 'set', 'lo', 'up');
    ip('-n', nsB, 'link', 'set', 'lo', 'up');
    ip('-n', nsA, 'link', 'add', `lv${tag}a`, 'type', 'veth', 'peer', 'name', `lv${tag}b`, 'netns', nsB);
    ip('-n', nsA, 'addr', 'add', `${subnet}.1/24`, 'dev', `lv${tag}a`);
    ip('-n', nsB, 'addr', 'add', `${targetAddress}/24`, 'dev', `lv${tag}b`);
    ip('-n', nsA, 'link', 'set', `lv${tag}a`, 'up');
    ip('-n', nsB, 'link', 'set', `lv${tag}b`, 'up');

    const common = { dir, authorizedKeysFile: opts.authorizedKeysFile };
    const jump = await startSshd({ ...common, name: 'jump', address: '127.0.0.1', port: 22, netns: nsA });
    sshds.push(jump);
    const target = await startSshd({ ...common, name: 'target', address: targetAddress, port: 22, netns: nsB });
    sshds.push(target);

    const sock = join(dir, 'a.sock');
    rmSync(sock, { force: true });
    bridges.push(
      spawn('ip', ['netns', 'exec', nsA, 'socat', `UNIX-LISTEN:${sock},fork`, 'TCP:127.0.0.1:22'], { stdio: 'ignore' }),
    );
    for (let i = 0; i < 200 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 10));
    const jumpPort = await freeTcpPort();
    bridges.push(
      spawn('socat', [`TCP-LISTEN:${jumpPort},bind=127.0.0.1,reuseaddr,fork`, `UNIX-CONNECT:${sock}`], {
        stdio: 'ignore',
      }),
    );
    await waitForTcp(jumpPort);
    return { jump, jumpPort, jumpNetns: nsA, target, targetAddress, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForTcp(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}
