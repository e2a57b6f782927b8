import { Logger } from '@nestjs/common';
import { ConfigValidationError } from '@notify/config';

/** How a failed start-up is reported; the process by default, a recorder in tests. */
export interface StartupFailureHandler {
  print(message: string): void;
  exit(code: number): void;
}

const processHandler: StartupFailureHandler = {
  print: (message) => console.error(message),
  exit: (code) => process.exit(code),
};

/**
 * Runs a service's start-up (load config, bootstrap). A failure prints one clear message and exits with 1,
 * never an unhandled rejection; the returned promise never rejects.
 */
export async function runService(
  start: () => Promise<unknown>,
  onFailure: StartupFailureHandler = processHandler,
): Promise<void> {
  try {
    await start();
  } catch (error) {
    // Nest buffers its start-up logs; without a flush the lines explaining the failure would be lost.
    Logger.flush();
    onFailure.print(startupFailureMessage(error));
    onFailure.exit(1);
  }
}

export function startupFailureMessage(error: unknown): string {
  if (error instanceof ConfigValidationError) {
    // It already lists every bad variable, without values; a stack trace would only hide that list.
    return error.message;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `Start-up failed: ${detail}`;
}
