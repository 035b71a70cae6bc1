import { readdirSync, readFileSync } from 'node:fs';

/** Every process's PID, as /proc lists them now. */
function pids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** The fields of /proc/PID/stat after the command name (state first, then the parent), or null once it has gone. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** PIDs of every descendant of `pid`, read from /proc (sshd's per-connection children start their own sessions). */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of pids()) {
    const stat = statOf(entry);
    if (stat) parentOf.set(entry, Number(stat[1]));
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Alive and not a zombie (an exited child stays in /proc until its parent reaps it). */
export function isRunning(pid: number): boolean {
  return isAlive(pid) && statOf(pid)?.[0] !== 'Z';
}

/** PIDs of the processes whose command line passes `keep` (the arguments; null once the process has gone). */
function processesWhere(keep: (args: string[]) => boolean): number[] {
  return pids().filter((pid) => {
    try {
      return keep(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {
      return false; // It exited while we were reading.
    }
  });
}

/** PIDs of the processes with `arg` among their arguments (a test's own unique path: never a broad name). */
export function processesWithArg(arg: string): number[] {
  return processesWhere((args) => args.includes(arg));
}

/**
 * PIDs of the processes whose command line contains `text` anywhere: Chromium's helper processes rewrite their
 * arguments into one title, so a path they were given is no longer an argument of its own.
 */
export function processesMentioning(text: string): number[] {
  return processesWhere((args) => args.some((arg) => arg.includes(text)));
}

/** The parent of `pid`, read from /proc (null once it has exited). */
export function parentOf(pid: number): number | null {
  const stat = statOf(pid);
  return stat ? Number(stat[1]) : null;
}
