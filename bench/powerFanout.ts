import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServices } from '../main/app/services';
import { startIpmiSims } from '../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../lab/ipmi/labHosts';
import { atMost } from './goals';

const run$ = promisify(execFile);
const BMCS = 64;
// Each side now takes 30–150 ms, so a median of 3 swung with any hiccup of the machine: 9 alternated rounds.
const ROUNDS = 9;
const PASSWORD = 'secret';

/**
 * CPU time (ms) the simulated BMCs have used so far, their chassis programs included (ipmi_sim waits for each, so
 * it is in their children's time): all 64 share the bench's cores with the client, which a fleet of real BMCs,
 * each with its own processor, would not.
 */
function simulatorCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime (proc(5) fields 14-17, here counted from field 3).
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks * 10;
}

/**
 * CPU time (ms) of the client side so far: this process (Labvisor runs in it) plus its reaped children
 * (each ipmipower run). Unlike wall time, it hardly changes with the machine's load.
 */
function clientCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
}

/** Median wall time of `rounds` runs (after one warm-up), in ms. */
async function time(rounds: number, fn: () => Promise<void>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/**
 * Power status of 64 ipmi_sim BMCs (each on its own 127.0.2.N:623, so freeipmi can tell them apart): Labvisor's
 * fan-out through the dispatcher vs freeipmi's `ipmipower` (the speed anchor) vs a sequential ipmitool loop.
 * Binding port 623 needs root.
 */
export async function run() {
  const lab = await startIpmiSims(
    Array.from({ length: BMCS }, (_, i) => ({
      name: `bench-${i + 1}`,
      address: `127.0.2.${i + 1}`,
      port: 623,
      // A real BMC answers Get Chassis Status from its memory in microseconds. With the lab's chassis program,
      // ipmi_sim starts a shell for every chassis request, reads included: ~1.1 ms of CPU per read on the cores
      // the client under test shares with all 64 simulators, which charged Labvisor's confirmation reads (state
      // before and after each action) to its clock. So the bench's BMCs keep their chassis in memory; the
      // build fails the bench (rather than falling back) when the module cannot be compiled.
      inMemoryChassis: true,
    })),
  );
  const dir = mkdtempSync(join(tmpdir(), 'labvisor-bench-power-'));
  const services = createServices({ dataDir: join(dir, 'data') });
  try {
    const names = lab.bmcs.map((bmc) => addBmcHost(services, bmc.name, bmc).name);
    const freeipmiConf = join(dir, 'freeipmi.conf');
    writeFileSync(
      freeipmiConf,
      `username admin\npassword ${PASSWORD}\ndriver-type LAN_2_0\ncipher-suite-id 3\nworkaround-flags opensesspriv\n`,
      { mode: 0o600 },
    );

    const labvisorMs = await time(ROUNDS, async () => {
      const r = await services.dispatch('power.status', { targets: names, concurrency: BMCS }, { door: 'cli' });
      const states = r.ok ? (r.value as { state: string }[]) : [];
      if (states.filter((s) => s.state === 'on').length !== BMCS) throw new Error(`labvisor: ${JSON.stringify(r)}`);
    });
    const ipmipowerMs = await time(ROUNDS, async () => {
      const { stdout } = await run$('ipmipower', [
        '--config-file',
        freeipmiConf,
        '-h',
        `127.0.2.[1-${BMCS}]`,
        '--stat',
      ]);
      if ((stdout.match(/: on$/gm) ?? []).length !== BMCS) throw new Error(`ipmipower: ${stdout}`);
    });
    // Power actions, off then on so each round changes the state: Labvisor's power.set (status before, the
    // action, status after: what a user is shown) against `ipmipower --off` / `--on` (the action alone).
    const setAll = async (action: 'on' | 'off') => {
      const r = await services.dispatch(
        'power.set',
        { targets: names, action, concurrency: BMCS, confirm: { hostNames: names } },
        { door: 'cli' },
      );
      const results = r.ok ? (r.value as { results: { ok: boolean }[] }).results : [];
      if (results.filter((x) => x.ok).length !== BMCS) throw new Error(`labvisor ${action}: ${JSON.stringify(r)}`);
    };
    const ipmipower = async (action: 'on' | 'off') => {
      const args = ['--config-file', freeipmiConf, '-h', `127.0.2.[1-${BMCS}]`, `--${action}`];
      // ipmipower exits non-zero when any BMC fails: report what it printed rather than the bare exit.
      const out = await run$('ipmipower', args).catch((e: { stdout?: string; stderr?: string }) => ({
        stdout: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }));
      if ((out.stdout.match(/: ok$/gm) ?? []).length !== BMCS) throw new Error(`ipmipower --${action}: ${out.stdout}`);
    };
    const actionMs = {
      labvisor: { off: [] as number[], on: [] as number[] },
      ipmipower: { off: [] as number[], on: [] as number[] },
    };
    const clientCpu = {
      labvisor: { off: [] as number[], on: [] as number[] },
      ipmipower: { off: [] as number[], on: [] as number[] },
    };
    const simCpu = {
      labvisor: { off: [] as number[], on: [] as number[] },
      ipmipower: { off: [] as number[], on: [] as number[] },
    };
    const pids = lab.bmcs.map((bmc) => bmc.pid);
    for (let i = 0; i <= ROUNDS; i++) {
      for (const action of ['off', 'on'] as const) {
        for (const [who, fn] of [
          ['labvisor', setAll],
          ['ipmipower', ipmipower],
        ] as const) {
          // Each side starts from the opposite state: undo the other side's action first (not timed).
          await ipmipower(action === 'off' ? 'on' : 'off');
          const cpu0 = simulatorCpuMs(pids);
          const client0 = clientCpuMs();
          const t0 = performance.now();
          await fn(action);
          if (i === 0) continue;
          actionMs[who][action].push(performance.now() - t0);
          simCpu[who][action].push(simulatorCpuMs(pids) - cpu0);
          clientCpu[who][action].push(clientCpuMs() - client0);
        }
      }
    }
    const mid = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const actions = (['off', 'on'] as const).map((action) => ({
      action,
      labvisorMs: Math.round(mid(actionMs.labvisor[action])),
      ipmipowerMs: Math.round(mid(actionMs.ipmipower[action])),
      // The simulators' CPU is counted in 10 ms ticks per process: a median over the rounds, not an exact figure.
      simulatorCpuMs: { labvisor: mid(simCpu.labvisor[action]), ipmipower: mid(simCpu.ipmipower[action]) },
      // The client's own CPU (Labvisor in this process; ipmipower as a child, its start included), same ticks.
      clientCpuMs: { labvisor: mid(clientCpu.labvisor[action]), ipmipower: mid(clientCpu.ipmipower[action]) },
    }));

    const sequentialMs = await time(1, async () => {
      for (const bmc of lab.bmcs) {
        const { stdout } = await run$(
          'ipmitool',
          [
            '-I',
            'lanplus',
            '-C',
            '3',
            '-H',
            bmc.address,
            '-p',
            '623',
            '-U',
            'admin',
            '-E',
            'chassis',
            'power',
            'status',
          ],
          { env: { ...process.env, IPMI_PASSWORD: PASSWORD } },
        );
        if (!stdout.includes('is on')) throw new Error(`ipmitool: ${stdout}`);
      }
    });
    const vsIpmipower = labvisorMs / ipmipowerMs;
    const vsSequential = sequentialMs / labvisorMs;
    return {
      name: 'powerFanout',
      bmcs: BMCS,
      labvisorMs: Math.round(labvisorMs),
      ipmipowerMs: Math.round(ipmipowerMs),
      sequentialIpmitoolMs: Math.round(sequentialMs),
      labvisorOverIpmipower: Number(vsIpmipower.toFixed(2)),
      speedupOverSequential: Number(vsSequential.toFixed(2)),
      actions,
      chassis: 'in memory (lab/ipmi/memChassis.c, an ipmi_sim module): no process per chassis request',
      // What each side sends per BMC (ipmipower's from `ipmipower --debug` against ipmi_sim): Labvisor reads the
      // state before and after an action, ipmipower only sends it.
      requestsPerBmc: {
        labvisorStatus: 'open session, RAKP 1, RAKP 3, get chassis status, close (USER)',
        ipmipowerStat: 'channel auth caps, open session, RAKP 1, RAKP 3, set privilege, get chassis status, close',
        labvisorAction:
          'open session, RAKP 1, RAKP 3, set privilege, get chassis status, chassis control, get chassis status (repeated with backoff only until the state is reached), close (OPERATOR)',
        ipmipowerAction: 'channel auth caps, open session, RAKP 1, RAKP 3, set privilege, chassis control, close',
      },
      // Until 1 Dec 2026 the bench's BMCs used the lab's chassis program (a shell per chassis request, each status
      // read included). Kept for comparison: the quiet-machine figures with its first version (a script starting
      // mkdir, date and cat, about 6 ms of simulator CPU per request), and the medians of 12 loaded runs (load
      // 12-50) with its builtins-only version (about 1.1 ms per request).
      withShellChassisLoaded: { off: '1.73-2.05×', on: '1.96-2.04×', status: '0.97-1.16×' },
      beforeLightChassis: {
        off: '689 ms vs 259 ms (2.66×)',
        on: '661 ms vs 221 ms (2.99×)',
        status: '199 ms vs 196 ms (1.02×)',
      },
      goals: [
        ...actions.map((a) =>
          atMost(
            `power ${a.action}, ${BMCS} BMCs, vs ipmipower --${a.action}`,
            Number((a.labvisorMs / a.ipmipowerMs).toFixed(2)),
            1.5,
            '×',
            {
              labvisor: `${a.labvisorMs} ms`,
              reference: `${a.ipmipowerMs} ms`,
            },
          ),
        ),
        atMost(`power status, ${BMCS} BMCs, vs ipmipower --stat`, Number(vsIpmipower.toFixed(2)), 1.1, '×', {
          labvisor: `${Math.round(labvisorMs)} ms`,
          reference: `${Math.round(ipmipowerMs)} ms`,
        }),
      ],
    };
  } finally {
    await services.close();
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
