import { Logger } from '@nestjs/common';
import { ReadinessRegistry } from './readiness.registry';

describe('ReadinessRegistry', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  it('is ready with no checks', async () => {
    await expect(new ReadinessRegistry({ service: 's' }).check()).resolves.toEqual({
      status: 'ok',
      checks: {},
    });
  });

  it('reports each check and is unavailable when one fails', async () => {
    const registry = new ReadinessRegistry({ service: 's' });
    registry.register('database', () => Promise.resolve());
    registry.register('kafka', () => Promise.reject(new Error('broker down at 10.0.0.7')));

    const report = await registry.check();

    expect(report).toEqual({ status: 'unavailable', checks: { database: 'ok', kafka: 'failed' } });
    expect(JSON.stringify(report)).not.toContain('10.0.0.7');
  });

  it('fails a check that does not answer in time', async () => {
    const registry = new ReadinessRegistry({ service: 's', readinessTimeoutMs: 20 });
    registry.register('stalled', () => new Promise<void>(() => undefined));

    await expect(registry.check()).resolves.toEqual({ status: 'unavailable', checks: { stalled: 'failed' } });
  });

  it('replaces a check registered again under the same name', async () => {
    const registry = new ReadinessRegistry({ service: 's' });
    registry.register('database', () => Promise.reject(new Error('old')));
    registry.register('database', () => Promise.resolve());

    await expect(registry.check()).resolves.toEqual({ status: 'ok', checks: { database: 'ok' } });
  });
});
