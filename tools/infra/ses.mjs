import { existsSync } from 'node:fs';
import { InfraError } from './errors.mjs';
import { managedService } from './managed-service.mjs';
import { httpStatus, waitUntil } from './probes.mjs';
import { displayPath, excerpt } from './output.mjs';
import { outputOfLastStart, spawnDetached } from './processes.mjs';

const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/** The aws-ses-v2-local emulator; sent mail can be inspected at GET /store. */
export function sesEmulator(config, { repoRoot }) {
  const baseUrl = `http://${config.host}:${config.port}`;

  async function start() {
    if (!existsSync(config.bin)) {
      throw new InfraError(`${displayPath(config.bin)} is missing: run \`npm install\` first`);
    }
    return spawnDetached({
      command: process.execPath,
      args: [config.bin, '--host', config.host, '--port', String(config.port)],
      cwd: repoRoot,
      logFile: config.logFile,
    });
  }

  function waitUntilReady(isAlive) {
    return waitUntil({
      isReady: async () => (await httpStatus(`${baseUrl}/store`)) === 200,
      stillStarting: isAlive,
      timeoutMs: READY_TIMEOUT_MS,
      failure: (reason) =>
        [
          `emulator ${reason}; see ${displayPath(config.logFile)}`,
          excerpt('its output', outputOfLastStart(config.logFile)),
        ]
          .filter(Boolean)
          .join('\n'),
    });
  }

  return managedService({
    name: 'ses',
    host: config.host,
    port: config.port,
    address: baseUrl,
    pidFile: config.pidFile,
    processMarker: config.bin,
    logFile: config.logFile,
    stopGraceMs: STOP_GRACE_MS,
    start,
    waitUntilReady,
  });
}
