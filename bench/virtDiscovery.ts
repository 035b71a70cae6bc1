import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeTestNode } from '../lab/libvirt';
import { startLabSsh } from '../lab/ssh';
import type { DiscoverResult } from '../common/contract/virt';
import { addSshHost, sshTestServices, trustPresentedKey } from '../main/testing/sshTestServices';
import { atLeast } from './goals';
import { median, round, timeRuns } from './stats';

const run$ = promisify(execFile);
const DOMAINS = 60;
const ROUNDS = 3;

/**
 * Discovery of 60 domains on a hypervisor behind a real sshd (libvirt's test driver on the far side): Labvisor's
 * two batched virsh calls on its one pooled SSH connection vs what an admin scripts — `virsh list`, then
 * `ssh host virsh dumpxml` per domain over an OpenSSH ControlMaster connection (already open, so the loop pays
 * for channels and virsh runs, not for logins). Both read every domain's XML; Labvisor also reads state, info
 * and disk sizes. Reports SSH channels opened per discovery.
 */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'labvisor-bench-virt-'));
  chmodSync(dir, 0o755);
  const { uri } = writeTestNode(join(dir, 'node.xml'), { count: DOMAINS });
  const ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  const services = sshTestServices();
  try {
    const hv = addSshHost(services, 'hv', '127.0.0.1', ssh.sshd.port, {
      user: ssh.user,
      identityFile: ssh.keys.ed25519,
    });
    await trustPresentedKey(services, hv.id);
    let channels = 0;
    const labvisor = await timeRuns(ROUNDS + 1, async () => {
      const r = await services.dispatch('virt.preview', { host: 'hv', uri }, { door: 'cli' });
      if (!r.ok || (r.value as DiscoverResult).domains.length !== DOMAINS) throw new Error(JSON.stringify(r));
      channels = (r.value as DiscoverResult).channels;
    });

    const control = join(dir, 'cm');
    const sshArgs = [
      '-o',
      'ControlMaster=auto',
      '-o',
      `ControlPath=${control}`,
      '-o',
      'ControlPersist=120',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
      '-o',
      'BatchMode=yes',
      '-i',
      ssh.keys.ed25519,
      '-p',
      String(ssh.sshd.port),
      `${ssh.user}@127.0.0.1`,
    ];
    const script = [
      'set -e',
      `for u in $(ssh ${sshArgs.join(' ')} virsh -c ${uri} list --all --uuid); do`,
      `  ssh ${sshArgs.join(' ')} virsh -c ${uri} dumpxml "$u" > /dev/null`,
      '  n=$((n+1))',
      'done',
      'echo $n',
    ].join('\n');
    const shellLoop = await timeRuns(ROUNDS + 1, async () => {
      const { stdout } = await run$('bash', ['-c', `n=0\n${script}`], { maxBuffer: 64 * 1024 * 1024 });
      if (Number(stdout.trim()) !== DOMAINS) throw new Error(`shell loop read ${stdout.trim()} domains`);
    });
    await run$('ssh', ['-O', 'exit', '-o', `ControlPath=${control}`, `${ssh.user}@127.0.0.1`]).catch(() => undefined);

    // The first run of each opens its connection; the medians are of the warm runs that follow.
    const labvisorMs = median(labvisor.slice(1));
    const shellLoopMs = median(shellLoop.slice(1));
    return {
      domains: DOMAINS,
      labvisorMs: round(labvisorMs),
      labvisorColdMs: round(labvisor[0]!),
      labvisorChannels: channels,
      shellLoopControlMasterMs: round(shellLoopMs),
      shellLoopChannels: DOMAINS + 1,
      speedup: round(shellLoopMs / labvisorMs),
      goals: [
        atLeast(
          'VM discovery, 60 domains, vs an ssh virsh dumpxml loop (ControlMaster)',
          round(shellLoopMs / labvisorMs),
          5,
          '×',
          {
            labvisor: `${round(labvisorMs)} ms, ${channels} channels`,
            reference: `${round(shellLoopMs)} ms, ${DOMAINS + 1} channels`,
          },
        ),
      ],
    };
  } finally {
    await services.close();
    await ssh.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
