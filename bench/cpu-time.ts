/**
 * CPU time spent during a benchmark run, read from Linux's /proc: the whole machine's busy time and each
 * named process's own (user + system, children excluded). Elsewhere every reading is undefined and the
 * benchmarks print no CPU figures.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc's CPU counters, 100 on every Linux architecture Node.js runs on. */
const TICKS_PER_SECOND = 100;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Busy seconds of all cores since boot: every /proc/stat `cpu` field but idle and iowait. */
export function machineBusySeconds(): number | undefined {
  const line = readProc('/proc/stat')?.split('\n', 1)[0];
  if (!line?.startsWith('cpu ')) return undefined;
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** User + system seconds of one process, or undefined when it is gone or /proc is absent. */
export function processSeconds(pid: number): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name, field 2, is in parentheses and may hold spaces: count fields after its `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export interface CpuSplit {
  /** This process: the load generator or the raw-insert driver. */
  self: number;
  /** The processes named by pid (the collectors). */
  processes: number;
  /** Everything else that ran meanwhile: the database, the kernel's network path, other tenants. */
  rest: number;
}

/** Starts counting; the function it returns gives the seconds spent since, split three ways. */
export function startCpuCount(pids: readonly number[] = []): () => CpuSplit | undefined {
  const sum = (values: (number | undefined)[]) => (values.includes(undefined) ? undefined : values.reduce<number>((a, b) => a + b!, 0));
  const machine = machineBusySeconds();
  const processes = sum(pids.map(processSeconds));
  const self = process.cpuUsage();
  return () => {
    const machineNow = machineBusySeconds();
    const processesNow = sum(pids.map(processSeconds));
    if (machine === undefined || machineNow === undefined || processes === undefined || processesNow === undefined) return undefined;
    const { user, system } = process.cpuUsage(self);
    const split = { self: (user + system) / 1e6, processes: processesNow - processes };
    return { ...split, rest: Math.max(0, machineNow - machine - split.self - split.processes) };
  };
}
