import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sleep } from '@notify/testing';

export interface ServiceProcessOptions {
  name: string;
  /** Built entry point, e.g. `dist/apps/communities/main.js`. */
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Every output line is also appended here, for reading after the run. */
  logFile: string;
}

const MAX_KEPT_LINES = 20_000;

/** One built service running as a child process, with its output kept for failure reports. */
export class ServiceProcess {
  readonly baseUrl: string;
  private child?: ChildProcess;
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private exited?: Promise<void>;
  private readonly lines: string[] = [];
  /** Lines dropped from the front of `lines` once it is full; keeps marks stable. */
  private dropped = 0;
  private logFile?: WriteStream;

  constructor(private readonly options: ServiceProcessOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  get name(): string {
    return this.options.name;
  }

  start(): void {
    const { entry, cwd, env, logFile } = this.options;
    this.logFile ??= createWriteStream(logFile, { flags: 'a' });
    this.exit = undefined;
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // A test run that ends abruptly must not leave services running on its ports.
    const killOnExit = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        process.removeListener('exit', killOnExit);
        this.exit = { code, signal };
        this.record(`[process exited with ${signal ?? `code ${code}`} at ${new Date().toISOString()}]`);
        resolve();
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) {
        createInterface({ input: stream }).on('line', (line) => this.record(line));
      }
    }
  }

  /** The running process's id; a restart gives a new one. */
  get pid(): number | undefined {
    return this.exit ? undefined : this.child?.pid;
  }

  /**
   * Sends `signal` and, for one that ends the process (anything but SIGSTOP and SIGCONT), waits until it has
   * exited. The output file stays open for a `restart()`.
   */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.child || this.exit) {
      throw new Error(`${this.name} is not running`);
    }
    this.record(`[sending ${signal} at ${new Date().toISOString()}]`);
    this.child.kill(signal);
    if (signal !== 'SIGSTOP' && signal !== 'SIGCONT') {
      await this.exited;
    }
  }

  /** Starts the process again on the same port with the same environment, once the previous one has exited. */
  async restart(timeoutMs: number): Promise<void> {
    if (this.child && !this.exit) {
      throw new Error(`${this.name} is still running; kill or stop it before a restart`);
    }
    this.record(`[restarting at ${new Date().toISOString()}]`);
    this.start();
    await this.waitUntilReady(timeoutMs);
    this.record(`[ready at ${new Date().toISOString()}]`);
  }

  /** Resolves once `GET /health/ready` answers 200; fails at once if the process exits. */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastAnswer = 'no answer';
    while (Date.now() < deadline) {
      if (this.exit) {
        throw new Error(
          `${this.name} exited during start-up (${this.exit.signal ?? `code ${this.exit.code}`})`,
        );
      }
      try {
        const response = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) {
          return;
        }
        lastAnswer = `${response.status} ${await response.text()}`;
      } catch (error) {
        lastAnswer = error instanceof Error ? error.message : String(error);
      }
      await sleep(250);
    }
    throw new Error(`${this.name} was not ready after ${timeoutMs} ms (last answer: ${lastAnswer})`);
  }

  /** SIGTERM, then SIGKILL when the process has not exited after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.child && !this.exit) {
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        this.exited?.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!stopped) {
        this.record(`[no exit ${graceMs} ms after SIGTERM: sending SIGKILL]`);
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
    const logFile = this.logFile;
    this.logFile = undefined;
    await new Promise((resolve) => (logFile ? logFile.end(resolve) : resolve(undefined)));
  }

  /** Position in the output, to read only what came after it. */
  mark(): number {
    return this.dropped + this.lines.length;
  }

  outputSince(mark = 0): string[] {
    return this.lines.slice(Math.max(0, mark - this.dropped));
  }

  private record(line: string): void {
    this.lines.push(line);
    if (this.lines.length > MAX_KEPT_LINES) {
      this.lines.shift();
      this.dropped += 1;
    }
    this.logFile?.write(`${line}\n`);
  }
}
