import { createLogger } from './service-logger';
import { TraceContext } from './trace-context';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function captureStdout(): string[] {
  const lines: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(chunk.toString());
    return true;
  });
  return lines;
}

describe('ServiceLogger', () => {
  it('writes one JSON object per line with the service and trace id', () => {
    const lines = captureStdout();
    const logger = createLogger('dispatcher');

    TraceContext.run(PARENT, () => logger.log('email sent', 'Sender'));

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'log',
      message: 'email sent',
      context: 'Sender',
      service: 'dispatcher',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  it('redacts secret-looking fields of logged objects', () => {
    const lines = captureStdout();

    createLogger('preferences').log({
      user: 'u1',
      password: 'hunter2',
      nested: { apiKey: 'k', Authorization: 'Bearer x' },
    });

    const entry = JSON.parse(lines[0]) as { message: unknown };
    expect(entry.message).toEqual({
      user: 'u1',
      password: '[redacted]',
      nested: { apiKey: '[redacted]', Authorization: '[redacted]' },
    });
    expect(lines[0]).not.toContain('hunter2');
  });

  it('hides tokens written into messages and error stacks', () => {
    const lines: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl';

    createLogger('communities').error(
      `rejected Bearer ${token}`,
      `Error: bad ${token}\n    at verify (guard.ts:1:1)`,
      'JwtAuthGuard',
    );

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('rejected Bearer [redacted]');
    expect(lines[0]).toContain('Error: bad [redacted]');
    expect(lines[0]).not.toContain(token);
  });

  it('logs an error object without the values it carries', () => {
    const lines: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    const failure = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO profiles (email) VALUES ($1)',
      parameters: ['marta@example.org'],
    });

    createLogger('preferences').error(failure, 'ProfilesRepository');

    expect(JSON.parse(lines[0])).toMatchObject({
      context: 'ProfilesRepository',
      message: { name: 'QueryFailedError', message: 'duplicate key value violates unique constraint' },
    });
    expect(lines[0]).not.toMatch(/marta|INSERT/);
  });

  it('drops messages below the configured level', () => {
    const lines = captureStdout();
    const logger = createLogger('communities', { level: 'warn' });

    logger.log('chatter');
    logger.debug('noise');
    logger.warn('attention');

    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(['attention']);
  });

  it('writes readable text when asked', () => {
    const lines = captureStdout();

    createLogger('moderation', { format: 'text' }).log('started');

    expect(lines[0]).toContain('[moderation]');
    expect(lines[0]).toContain('started');
    expect(() => JSON.parse(lines[0]) as unknown).toThrow();
  });
});
