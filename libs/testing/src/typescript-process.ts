import { spawn } from 'node:child_process';
import path from 'node:path';

/** Preload (`node --require`) that lets a plain node process run the workspace's TypeScript sources. */
export const TYPESCRIPT_REGISTER = path.join(__dirname, 'register-typescript.js');

export interface FinishedProcess {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface TypeScriptProcessOptions {
  /** The child's whole environment besides PATH: nothing of the test process leaks into it. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs a TypeScript entry point (e.g. a service's `main.ts`) under plain node until it exits. */
export function runTypeScriptProcess(
  entry: string,
  { env = {}, timeoutMs = 30_000 }: TypeScriptProcessOptions = {},
): Promise<FinishedProcess> {
  const child = spawn(process.execPath, ['--require', TYPESCRIPT_REGISTER, entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} still running after ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Runs a service's `main.ts` with `env` and expects the start-up to stop with exit code 1, printing the
 * configuration error listing exactly these problems (`VARIABLE: reason`) and no stack trace.
 */
export async function expectInvalidConfigurationExit(
  main: string,
  env: Record<string, string>,
  problems: readonly string[],
): Promise<FinishedProcess> {
  const result = await runTypeScriptProcess(main, { env });
  expect({ code: result.code, stderr: result.stderr.trim() }).toEqual({
    code: 1,
    stderr: ['Invalid configuration:', ...problems.map((problem) => ` - ${problem}`)].join('\n'),
  });
  return result;
}
