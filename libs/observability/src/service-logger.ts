import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { redactSecrets, redactText } from './redact';
import { TraceContext } from './trace-context';

export type LogOutputFormat = 'json' | 'text';

export interface LoggerOptions {
  /** Defaults to `json`, one object per line. */
  format?: LogOutputFormat;
  /** The least severe level written; defaults to `log`. */
  level?: LogLevel;
}

const SEVERITY: readonly LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];
type JsonLogObject = ReturnType<ConsoleLogger['getJsonLogObject']>;

/** Nest's console logger tagged with the service and current trace id, with secret-looking fields redacted. */
export class ServiceLogger extends ConsoleLogger {
  constructor(
    private readonly service: string,
    options: LoggerOptions = {},
  ) {
    super({
      json: (options.format ?? 'json') === 'json',
      prefix: service,
      logLevels: levelsFrom(options.level ?? 'log'),
    });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(
      messages.map((message) => redactSecrets(message)),
      context,
      logLevel,
      writeStreamType,
      typeof errorStack === 'string' ? redactText(errorStack) : errorStack,
    );
  }

  protected override getJsonLogObject(
    message: unknown,
    options: JsonLogOptions,
  ): JsonLogObject & { service: string; traceId?: string } {
    const traceId = TraceContext.currentTraceId();
    return {
      ...super.getJsonLogObject(message, options),
      service: this.service,
      ...(traceId ? { traceId } : {}),
    };
  }
}

export function createLogger(service: string, options: LoggerOptions = {}): ServiceLogger {
  return new ServiceLogger(service, options);
}

function levelsFrom(threshold: LogLevel): LogLevel[] {
  return SEVERITY.slice(SEVERITY.indexOf(threshold));
}
