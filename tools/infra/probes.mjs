import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './errors.mjs';

const PROBE_TIMEOUT_MS = 1_000;
const POLL_INTERVAL_MS = 500;

export function isPortOpen(host, port, timeoutMs = PROBE_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Resolves with the HTTP status code of a GET, or null when nothing answers. */
export function httpStatus(url, timeoutMs = PROBE_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(null));
    req.end();
  });
}

/**
 * Polls `isReady` until it resolves true. Gives up after `timeoutMs`, or as soon as
 * `stillStarting` returns false (the process died), with an error built by `failure`.
 */
export async function waitUntil({ isReady, stillStarting = () => true, timeoutMs, failure }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isReady()) return;
    if (!stillStarting()) throw new InfraError(failure('exited while starting'));
    await sleep(POLL_INTERVAL_MS);
  }
  throw new InfraError(failure(`not ready after ${Math.round(timeoutMs / 1000)} s`));
}
