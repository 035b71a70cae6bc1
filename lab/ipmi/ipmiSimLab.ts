import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { labCacheDir, REPO_ROOT } from '../labPaths';
import { freeUdpPort, udpPortBound } from './udpPorts';
import { isRunning } from '../ssh/processTree';

const HERE = join(REPO_ROOT, 'lab/ipmi');

export interface SimBmc {
  name: string;
  address: string;
  port: number;
  user: string;
  password: string;
  pid: number;
  dir: string;
  /** Files of the fake chassis (power, boot, identify, last_reset), empty when QEMU is the chassis. */
  chassisDir: string;
}

export interface SimBmcSpec {
  name: string;
  /** Loopback address; each BMC its own 127.0.x.y lets freeipmi tell them apart. Default 127.0.0.1. */
  address?: string;
  /** Default: a free UDP port (623 when `address` is given and the caller wants the standard port). */
  port?: number;
  user?: string;
  password?: string;
  /** Raw value of the inlet temperature sensor (degrees C); ≥ 80 is critical. */
  inletTemp?: number;
  /** 0 to start powered off. */
  initialPower?: 0 | 1;
  /** Extra lan.conf lines (e.g. a QEMU startcmd and SOL); replaces the fake chassis when given. */
  chassisConf?: string;
  /**
   * The chassis answers from ipmi_sim's own memory (memChassis.c, loaded as a module) instead of a shell started
   * per chassis request: as a real BMC does, so that 64 simulators sharing the machine's cores do not charge each
   * status read to the client being measured. Same files as chassis.sh, except that reads are not logged.
   */
  inMemoryChassis?: boolean;
  /** Wires SOL to a TCP "serial port" on 127.0.0.1 (something listening there plays the console). */
  solTcpPort?: number;
  /** Runs the BMC inside this network namespace (a jump host's), unreachable from the test's own. */
  netns?: string;
}

/** Compiles the SDRs once per checkout (sdrcomp is fast, but 64 BMCs need only one copy). */
function compiledSdrs(): string {
  const out = join(labCacheDir('ipmi'), 'bmc.bsdr');
  if (!existsSync(out)) execFileSync('sdrcomp', ['-o', out, join(HERE, 'bmc.sdrs')]);
  return out;
}

/**
 * Builds memChassis.c into .lab/ipmi once per version of its source (several checkouts share .lab, and tests
 * run at once: each build goes to its own file, then is renamed into place). Throws, with the compiler's
 * message, when it cannot be built: the caller asked for this chassis and must not silently get another.
 */
function memChassisModule(): string {
  const source = join(HERE, 'memChassis.c');
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16);
  const out = join(labCacheDir('ipmi'), `memChassis-${hash}.so`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp`;
  const cc = process.env.CC ?? 'cc';
  const args = ['-std=c11', '-D_POSIX_C_SOURCE=200809L', '-O2', '-Wall', '-Werror', '-shared', '-fPIC'];
  const built = spawnSync(cc, [...args, '-o', tmp, source], { encoding: 'utf8' });
  if (built.status !== 0) {
    rmSync(tmp, { force: true });
    const why = built.error ? built.error.message : built.stderr.trim();
    throw new Error(
      `lab: the in-memory ipmi_sim chassis (lab/ipmi/memChassis.c) could not be built with ${cc}; it needs a C ` +
        `compiler and libopenipmi-dev (scripts/install-lab-deps.sh installs both): ${why}`,
    );
  }
  renameSync(tmp, out);
  return out;
}

function lanConf(spec: Pick<SimBmc, 'name' | 'address' | 'port' | 'user' | 'password'>, extra: string) {
  const auths = 'none md2 md5 straight';
  return `name "${spec.name}"
set_working_mc 0x20
  startlan 1
    addr ${spec.address} ${spec.port}
    priv_limit admin
    allowed_auths_callback ${auths}
    allowed_auths_user ${auths}
    allowed_auths_operator ${auths}
    allowed_auths_admin ${auths}
    guid a123456789abcdefa123456789abcdef
  endlan
  user 1 true  ""  "unused" user  10 ${auths}
  user 2 true  "${spec.user}"  "${spec.password}"  admin 10 ${auths}
${extra}
`;
}

/**
 * Starts one `ipmi_sim` (real RMCP+ over UDP) under `root` and waits until its port is bound. A port picked here
 * can be taken by another test process before ipmi_sim binds it; then another free port is tried.
 */
export async function startSimBmc(root: string, spec: SimBmcSpec): Promise<SimBmc> {
  for (let attempt = 1; ; attempt++) {
    const port = spec.port ?? (await freeUdpPort(spec.address ?? '127.0.0.1'));
    try {
      return await startSimBmcOn(root, spec, port);
    } catch (error) {
      const taken = /Address already in use/.test(String(error));
      if (spec.port !== undefined || !taken || attempt === 5) throw error;
    }
  }
}

async function startSimBmcOn(root: string, spec: SimBmcSpec, port: number): Promise<SimBmc> {
  const address = spec.address ?? '127.0.0.1';
  const user = spec.user ?? 'admin';
  const password = spec.password ?? 'secret';
  const dir = join(root, spec.name);
  const chassisDir = join(dir, 'chassis');
  const sdrDir = join(dir, 'state', 'ipmi_sim', spec.name);
  mkdirSync(sdrDir, { recursive: true });
  mkdirSync(chassisDir, { recursive: true });
  writeFileSync(join(sdrDir, 'sdr.20.main'), readFileSync(compiledSdrs()));
  writeFileSync(join(chassisDir, 'power'), `${spec.initialPower ?? 1}\n`);
  const fakeChassis = spec.inMemoryChassis
    ? `loadlib "${memChassisModule()}" "${chassisDir}"`
    : // Sourced and called, not executed: see chassis.sh.
      `  chassis_control ". ${join(HERE, 'chassis.sh')}; chassis ${chassisDir}"`;
  const chassis = [
    spec.chassisConf ?? fakeChassis,
    ...(spec.solTcpPort ? [`  sol "tcp:127.0.0.1:${spec.solTcpPort}" 115200`] : []),
  ].join('\n');
  writeFileSync(join(dir, 'lan.conf'), lanConf({ name: spec.name, address, port, user, password }, chassis));
  const emu = readFileSync(join(HERE, 'bmc.emu'), 'utf8').replace(
    'sensor_set_value 0x20 0 1 30 0',
    `sensor_set_value 0x20 0 1 ${spec.inletTemp ?? 30} 0`,
  );
  writeFileSync(join(dir, 'bmc.emu'), emu);
  const log = openSync(join(dir, 'sim.log'), 'w');
  const simArgs = ['-c', join(dir, 'lan.conf'), '-f', join(dir, 'bmc.emu'), '-s', join(dir, 'state'), '-n'];
  // `ip netns exec` execs ipmi_sim in place, so the PID is still the simulator's.
  const child = spec.netns
    ? spawn('ip', ['netns', 'exec', spec.netns, 'ipmi_sim', ...simArgs], { stdio: ['ignore', log, log] })
    : spawn('ipmi_sim', simArgs, { stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error(`ipmi_sim ${spec.name} did not start`);
  const bound = spec.netns ? async () => udpBoundInNetns(spec.netns!, port) : () => udpPortBound(address, port);
  for (let i = 0; i < 500 && !(await bound()); i++) {
    if (child.exitCode !== null) throw new Error(`ipmi_sim ${spec.name} exited: ${readFileSync(join(dir, 'sim.log'))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { name: spec.name, address, port, user, password, pid, dir, chassisDir };
}

function udpBoundInNetns(netns: string, port: number): boolean {
  const out = execFileSync('ip', ['netns', 'exec', netns, 'ss', '-Hunl', `sport = :${port}`], { encoding: 'utf8' });
  return out.trim().length > 0;
}

export interface IpmiSimLab {
  root: string;
  bmcs: SimBmc[];
  stop(): Promise<void>;
}

/** Starts several BMCs in a fresh temporary directory; `stop()` kills them by PID and removes the directory. */
export async function startIpmiSims(specs: SimBmcSpec[]): Promise<IpmiSimLab> {
  const root = mkdtempSync(join(tmpdir(), 'labvisor-ipmi-'));
  const bmcs: SimBmc[] = [];
  const stop = async () => {
    for (const bmc of bmcs) stopPid(bmc.pid);
    for (const bmc of bmcs) stopPid(readPidFile(join(bmc.dir, 'qemu.pid')));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const batch of chunks(specs, 16)) {
      // Every simulator of a batch that did start is kept for stop(), even when another one of it failed.
      const started = await Promise.allSettled(batch.map((s) => startSimBmc(root, s)));
      for (const result of started) if (result.status === 'fulfilled') bmcs.push(result.value);
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { root, bmcs, stop };
}

export function readPidFile(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function stopPid(pid: number | null): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export function pidAlive(pid: number | null): boolean {
  return pid ? isRunning(pid) : false;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
