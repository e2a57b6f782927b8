// What a process used, read from /proc: CPU time (utime + stime) and resident memory.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const TICKS_PER_SECOND = 100;

/** CPU milliseconds `pid` has used so far (user + system). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5); `fields` starts at field 3.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
}

/** Sums the CPU of `pids` between construction and `stop()`. */
export function cpuMeter(pids) {
  const before = new Map(pids.map((pid) => [pid, cpuMs(pid)]));
  return {
    stop: () => pids.reduce((sum, pid) => sum + cpuMs(pid) - before.get(pid), 0),
  };
}

/** Samples the summed RSS of `pids` every `intervalMs`; `stop()` gives the peak in MiB. */
export function rssSampler(pids, intervalMs = 100) {
  let peak = 0;
  const sample = () => {
    let total = 0;
    for (const pid of pids) {
      try {
        total += rssMiB(pid);
      } catch {
        // The process exited.
      }
    }
    peak = Math.max(peak, total);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export function loadAverage() {
  const [one, five, fifteen] = loadavg();
  return { one, five, fifteen };
}
