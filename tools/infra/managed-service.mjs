import { isPortOpen } from './probes.mjs';
import { isProcessRunning, readPid, removePid, stopProcess, writePid } from './processes.mjs';

const NOT_OURS = 'not started by infra';

/**
 * A background process that `up` starts and `down` stops, tracked through a pid file.
 *
 * `start()` launches the process and resolves with its pid. `waitUntilReady(isAlive)` resolves
 * once it serves requests; `isAlive()` lets it fail fast when the process dies while starting.
 */
export function managedService({
  name,
  host,
  port,
  address,
  pidFile,
  processMarker,
  logFile,
  stopGraceMs,
  start,
  waitUntilReady,
}) {
  /** @type {(state: string, pid?: number | null, note?: string) => object} */
  const summary = (state, pid = null, note = undefined) => ({ name, state, address, pid, logFile, note });
  const foreign = (note) => ({ name, state: 'running', address, note });
  const isAlive = (pid) => isProcessRunning(pid, processMarker);

  async function inspect() {
    const recordedPid = readPid(pidFile);
    const ownPid = recordedPid !== null && isAlive(recordedPid) ? recordedPid : null;
    return { recordedPid, ownPid, listening: await isPortOpen(host, port) };
  }

  async function status() {
    const { ownPid, listening } = await inspect();
    if (ownPid !== null) return summary(listening ? 'running' : 'starting', ownPid);
    return listening ? foreign(NOT_OURS) : summary('stopped');
  }

  async function up() {
    const { recordedPid, ownPid, listening } = await inspect();
    if (ownPid !== null) {
      if (!listening) await waitUntilReady(() => isAlive(ownPid));
      return summary('running', ownPid, 'already running');
    }
    if (listening) return foreign(`${NOT_OURS}, left alone`);
    if (recordedPid !== null) removePid(pidFile);

    const pid = await start();
    writePid(pidFile, pid);
    try {
      await waitUntilReady(() => isAlive(pid));
    } catch (error) {
      if (!isAlive(pid)) removePid(pidFile);
      throw error;
    }
    return summary('started', pid);
  }

  async function down() {
    const pid = readPid(pidFile);
    if (pid === null) {
      return (await isPortOpen(host, port))
        ? foreign(`${NOT_OURS}, left alone`)
        : summary('stopped', null, 'was not running');
    }
    if (!isAlive(pid)) {
      removePid(pidFile);
      return summary('stopped', null, 'was not running, removed stale pid file');
    }
    const neededKill = await stopProcess(pid, processMarker, stopGraceMs);
    removePid(pidFile);
    return summary(
      'stopped',
      pid,
      neededKill ? `killed after ${stopGraceMs / 1000} s grace period` : undefined,
    );
  }

  return { name, status, up, down };
}
