import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@notify/config';
import { sleep, type TestInfra } from '@notify/testing';
import { InfraToolConfig } from './infra-tool.config';
import { WORKSPACE_ROOT } from './start-system';

const INFRA_TOOL = path.join('tools', 'infra', 'infra.mjs');
// The tool gives a clean KRaft shutdown 30 s before it kills; so does this.
const KAFKA_STOP_GRACE_MS = 30_000;
const KAFKA_START_TIMEOUT_MS = 120_000;

interface ManagedProcess {
  name: 'kafka' | 'ses';
  pidFile: string;
  /** Part of the command line, so a recycled pid is never signalled. */
  marker: string;
  port: number;
}

/**
 * Faults injected into the broker and SES emulator that `npm run infra -- up` runs, found through its pid files
 * (INFRA_DIR, KAFKA_PORT and SES_PORT locate them as they locate the tool's). Only a process serving this run's
 * endpoints is touched, and `restore()` brings back whatever a fault left stopped.
 */
export class InfraFaults {
  private readonly kafka: ManagedProcess;
  private readonly ses: ManagedProcess;
  private pausedSesPid?: number;
  private kafkaStopped = false;

  constructor(
    private readonly infra: TestInfra,
    tool: InfraToolConfig = loadConfig(InfraToolConfig),
  ) {
    const infraDir = path.resolve(WORKSPACE_ROOT, tool.INFRA_DIR);
    this.kafka = {
      name: 'kafka',
      pidFile: path.join(infraDir, 'kafka', 'kafka.pid'),
      marker: 'kafka.Kafka',
      port: tool.KAFKA_PORT,
    };
    this.ses = {
      name: 'ses',
      pidFile: path.join(infraDir, 'ses', 'ses.pid'),
      marker: 'aws-ses-v2-local',
      port: tool.SES_PORT,
    };
  }

  /** Freezes the SES emulator (SIGSTOP): connections are accepted by the kernel and answered only on resume. */
  pauseSes(): void {
    const pid = this.runPid(this.ses, portOf(this.infra.sesEndpoint));
    process.kill(pid, 'SIGSTOP');
    this.pausedSesPid = pid;
  }

  resumeSes(): void {
    if (this.pausedSesPid !== undefined) {
      process.kill(this.pausedSesPid, 'SIGCONT');
      this.pausedSesPid = undefined;
    }
  }

  /** Stops the broker the way an orchestrator does (SIGTERM, a clean shutdown) and waits until it has exited. */
  async stopKafka(): Promise<void> {
    if (this.infra.kafkaBrokers.length !== 1) {
      throw new Error(`Expected the single local broker, the run uses ${this.infra.kafkaBrokers.join(', ')}`);
    }
    const pid = this.runPid(this.kafka, portOf(`tcp://${this.infra.kafkaBrokers[0]}`));
    this.kafkaStopped = true;
    process.kill(pid, 'SIGTERM');
    if (!(await exitsWithin(pid, KAFKA_STOP_GRACE_MS))) {
      process.kill(pid, 'SIGKILL');
      await exitsWithin(pid, 5_000);
    }
  }

  /** `node tools/infra/infra.mjs up`: starts the broker again (components still running are left alone). */
  async startKafka(): Promise<void> {
    await runInfraUp();
    this.kafkaStopped = false;
  }

  /** Undoes whatever fault is still in place, e.g. after a failed assertion. */
  async restore(): Promise<void> {
    try {
      this.resumeSes();
    } finally {
      if (this.kafkaStopped) {
        await this.startKafka();
      }
    }
  }

  private runPid(managed: ManagedProcess, runPort: number): number {
    if (managed.port !== runPort) {
      throw new Error(
        `The run's ${managed.name} listens on port ${runPort}, the infra tool's on ${managed.port}: not touching it ` +
          `(set the infra tool's variables, e.g. ${managed.name === 'kafka' ? 'KAFKA_PORT' : 'SES_PORT'}, to match)`,
      );
    }
    const pid = existsSync(managed.pidFile)
      ? Number.parseInt(readFileSync(managed.pidFile, 'utf8'), 10)
      : NaN;
    if (
      !Number.isInteger(pid) ||
      processState(pid) === undefined ||
      !commandLine(pid).includes(managed.marker)
    ) {
      throw new Error(
        `No running ${managed.name} process recorded in ${managed.pidFile}; run \`npm run infra -- up\``,
      );
    }
    return pid;
  }
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** The state letter of /proc/<pid>/stat (R, S, T, Z, ...); undefined once the process is gone or reaped. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces; the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A zombie counts as exited: the broker's parent is gone and nothing may reap it. */
async function exitsWithin(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = processState(pid);
    if (state === undefined || state === 'Z' || state === 'X') {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(100);
  }
}

function runInfraUp(): Promise<void> {
  return new Promise((resolve, reject) => {
    // The tool reads the same variables as InfraToolConfig from the inherited environment.
    const child = spawn(process.execPath, [INFRA_TOOL, 'up'], {
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), KAFKA_START_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(`\`node ${INFRA_TOOL} up\` ended with ${signal ?? `code ${code}`}:\n${output.trim()}`),
        );
      }
    });
  });
}
