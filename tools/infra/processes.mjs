import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './errors.mjs';
import { readLines } from './files.mjs';

const POLL_INTERVAL_MS = 200;
const KILL_TIMEOUT_MS = 5_000;
const HAS_PROC_FS = existsSync('/proc/self/cmdline');
const START_MARKER = '----- ';

export function readPid(pidFile) {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return null;
    throw error;
  }
}

export function writePid(pidFile, pid) {
  mkdirSync(path.dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

export function removePid(pidFile) {
  rmSync(pidFile, { force: true });
}

function readCommandLine(pid) {
  if (!HAS_PROC_FS) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * True when `pid` is alive and, where /proc exists, its command line contains `marker`.
 * The marker check guards against a recycled pid and against zombies (empty cmdline).
 */
export function isProcessRunning(pid, marker) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const commandLine = readCommandLine(pid);
  return commandLine === null || commandLine.includes(marker);
}

function signal(pid, name) {
  try {
    // Detached children lead their own process group; signalling the group also reaches helpers they forked.
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  }
}

async function waitForExit(pid, marker, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessRunning(pid, marker)) return true;
    await sleep(POLL_INTERVAL_MS);
  }
  return !isProcessRunning(pid, marker);
}

/** SIGTERM, then SIGKILL once `graceMs` has passed. Resolves true when SIGKILL was needed. */
export async function stopProcess(pid, marker, graceMs) {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, marker, graceMs)) return false;
  signal(pid, 'SIGKILL');
  if (await waitForExit(pid, marker, KILL_TIMEOUT_MS)) return true;
  throw new InfraError(`process ${pid} did not exit after SIGKILL`);
}

function commandNotFound(command, error) {
  return error.code === 'ENOENT' ? new InfraError(`\`${command}\` not found on PATH`) : error;
}

/** Starts a process that outlives this one, appending its stdout and stderr to `logFile`. */
export async function spawnDetached({ command, args, cwd, logFile }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'a');
  try {
    writeSync(logFd, `\n${START_MARKER}${new Date().toISOString()} starting: ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', logFd, logFd] });
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(commandNotFound(command, error)));
    });
    child.unref();
    return child.pid;
  } finally {
    closeSync(logFd);
  }
}

/** What the process most recently started by `spawnDetached` wrote to `logFile`. */
export function outputOfLastStart(logFile) {
  const lines = readLines(logFile);
  return lines.slice(lines.findLastIndex((line) => line.startsWith(START_MARKER)) + 1).filter(Boolean);
}

/**
 * Runs a command to completion and resolves with its combined output; rejects on a non-zero exit.
 * `input` is written to its standard input (secrets go there, never into the argument list others can read).
 * @param {string} command
 * @param {string[]} args
 * @param {{ input?: string }} [options]
 * @returns {Promise<string>}
 */
export function runCommand(command, args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin?.end(input);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(commandNotFound(command, error)));
    child.once('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new InfraError(`\`${command}\` exited with code ${code}:\n${output.trim()}`));
    });
  });
}
