import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TYPESCRIPT_REGISTER } from '@notify/testing';

export interface RunningChild {
  process: ChildProcess;
  /** Everything the child wrote to stdout and stderr. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `consumer-process.ts` under plain node and resolves once it reports that it is consuming. */
export async function startConsumerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<RunningChild> {
  const child = spawn(
    process.execPath,
    ['--require', TYPESCRIPT_REGISTER, path.join(__dirname, 'consumer-process.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`consumer process not ready in time:\n${stderr}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`consumer process exited with ${code} before it was ready:\n${stderr}`));
    });
  });
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}
