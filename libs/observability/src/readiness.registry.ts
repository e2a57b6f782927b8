import { Inject, Injectable, Logger } from '@nestjs/common';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';

export type ReadinessCheck = () => Promise<void>;
export type CheckStatus = 'ok' | 'failed';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, CheckStatus>;
}

const DEFAULT_TIMEOUT_MS = 2000;

/** Named checks run together, each bounded by the readiness timeout. */
abstract class HealthCheckRegistry {
  private readonly logger = new Logger(this.constructor.name);
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly options: ObservabilityOptions) {}

  /** A check resolves when the dependency is usable and rejects otherwise. Re-registering a name replaces it. */
  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]): Promise<[string, CheckStatus]> => [
        name,
        await this.run(name, check),
      ]),
    );
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, status]) => status === 'ok');
    return { status: ready ? 'ok' : 'unavailable', checks };
  }

  private async run(name: string, check: ReadinessCheck): Promise<CheckStatus> {
    const timeoutMs = this.options.readinessTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([check(), timeout]);
      return 'ok';
    } catch (error) {
      // Details go to the log only: the endpoint is unauthenticated.
      this.logger.warn(
        `${this.constructor.name} check ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Dependencies (database, broker, ...) register a check here; `/health/ready` runs them all. */
@Injectable()
export class ReadinessRegistry extends HealthCheckRegistry {
  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions) {
    super(options);
  }
}

/**
 * Failures only a restart repairs (a consumer that crashed for good) register here; `/health` runs them, so the
 * liveness probe restarts the pod instead of leaving it unready forever.
 */
@Injectable()
export class LivenessRegistry extends HealthCheckRegistry {
  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions) {
    super(options);
  }
}
