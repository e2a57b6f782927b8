import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ObservabilityModule, ReadinessRegistry } from '@notify/observability';
import { DataSource } from 'typeorm';
import { DatabaseReadinessModule } from './database-readiness.module';

async function readinessWith(query: () => Promise<unknown>): Promise<ReadinessRegistry> {
  @Global()
  @Module({ providers: [{ provide: DataSource, useValue: { query } }], exports: [DataSource] })
  class StubDatabaseModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule.forRoot({ service: 'readiness-test', readinessTimeoutMs: 200 }),
      StubDatabaseModule,
      DatabaseReadinessModule,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(ReadinessRegistry);
}

describe('DatabaseReadinessModule', () => {
  it('reports the database ready when it answers a query', async () => {
    const query = jest.fn().mockResolvedValue([{ '?column?': 1 }]);
    const registry = await readinessWith(query);

    await expect(registry.check()).resolves.toEqual({ status: 'ok', checks: { database: 'ok' } });
    expect(query).toHaveBeenCalledWith('SELECT 1');
  });

  it('reports the service unavailable while the database refuses queries', async () => {
    const registry = await readinessWith(() => Promise.reject(new Error('connection refused')));

    await expect(registry.check()).resolves.toEqual({
      status: 'unavailable',
      checks: { database: 'failed' },
    });
  });
});
