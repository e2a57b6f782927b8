import { ConfigValidationError } from '@notify/config';
import { runService, type StartupFailureHandler } from './run-service';

function recorder(): StartupFailureHandler & { printed: string[]; exitCodes: number[] } {
  const printed: string[] = [];
  const exitCodes: number[] = [];
  return {
    printed,
    exitCodes,
    print: (message) => printed.push(message),
    exit: (code) => exitCodes.push(code),
  };
}

describe('runService', () => {
  it('prints only the list of bad variables of a configuration error and exits with 1', async () => {
    const handler = recorder();
    const invalid = new ConfigValidationError([
      { variable: 'AUTH_JWT_SECRET', reason: 'is required' },
      { variable: 'KAFKA_BROKERS', reason: 'must be a comma-separated list of host:port' },
    ]);

    await runService(() => Promise.reject(invalid), handler);

    expect(handler.printed).toEqual([
      'Invalid configuration:\n - AUTH_JWT_SECRET: is required\n - KAFKA_BROKERS: must be a comma-separated list of host:port',
    ]);
    expect(handler.exitCodes).toEqual([1]);
  });

  it('prints any other failure with its stack and exits with 1', async () => {
    const handler = recorder();

    await runService(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), handler);

    expect(handler.printed).toHaveLength(1);
    expect(handler.printed[0]).toMatch(
      /^Start-up failed: Error: connect ECONNREFUSED 127\.0\.0\.1:5432\n\s+at /,
    );
    expect(handler.exitCodes).toEqual([1]);
  });

  it('reports a thrown value that is not an error', async () => {
    const handler = recorder();

    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- libraries may reject with anything
    await runService(() => Promise.reject('broker unreachable'), handler);

    expect(handler.printed).toEqual(['Start-up failed: broker unreachable']);
  });

  it('neither prints nor exits when the service starts', async () => {
    const handler = recorder();

    await runService(() => Promise.resolve(), handler);

    expect(handler).toMatchObject({ printed: [], exitCodes: [] });
  });
});
