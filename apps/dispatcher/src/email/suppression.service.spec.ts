import { MetricsService } from '@notify/observability';
import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { EntityManager } from 'typeorm';
import type { SuppressionRepository } from './suppression.repository';
import { SuppressionService } from './suppression.service';

const tx = {} as EntityManager;

function setup(suppressed: string[] = []) {
  const repository = {
    findSuppressed: jest.fn((emails: readonly string[]) =>
      Promise.resolve(new Set(emails.filter((email) => suppressed.includes(email)))),
    ),
    insert: jest.fn().mockResolvedValue(true),
  };
  const registry = new Registry();
  const service = new SuppressionService(
    repository as unknown as SuppressionRepository,
    new MetricsService(registry),
  );
  const metric = async (name: string): Promise<unknown[]> => {
    const found = (await registry.getSingleMetric(name)?.get()) as { values: unknown[] } | undefined;
    return found?.values ?? [];
  };
  return { service, repository, metric };
}

describe('SuppressionService', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('answers whether an address is suppressed, whatever its case and surrounding spaces', async () => {
    const { service, repository } = setup(['marc.dubois@example.org']);

    await expect(service.isSuppressed(' Marc.Dubois@Example.org ')).resolves.toBe(true);
    await expect(service.isSuppressed('anna@example.org')).resolves.toBe(false);
    expect(repository.findSuppressed).toHaveBeenCalledWith(['marc.dubois@example.org']);
  });

  it('checks a whole fan-out in one query and returns the addresses as given', async () => {
    const { service, repository } = setup(['a@example.org', 'c@example.org']);

    await expect(
      service.suppressedAmong(['A@example.org', 'b@example.org', 'c@example.org', 'a@example.org']),
    ).resolves.toEqual(new Set(['A@example.org', 'c@example.org', 'a@example.org']));
    expect(repository.findSuppressed).toHaveBeenCalledTimes(1);
    expect(repository.findSuppressed).toHaveBeenCalledWith([
      'a@example.org',
      'b@example.org',
      'c@example.org',
    ]);
  });

  it('suppresses an address after a permanent bounce, in the given transaction', async () => {
    const { service, repository, metric } = setup();

    await service.recordBounce(
      {
        email: 'Gone@Example.org',
        bounceType: 'permanent',
        messageId: 'ses-1',
        diagnostic: '550 5.1.1 user unknown',
        occurredAt: '2026-03-01T10:00:00Z',
      },
      tx,
    );

    expect(repository.insert).toHaveBeenCalledWith(tx, {
      email: 'gone@example.org',
      reason: 'bounce',
      detail: '550 5.1.1 user unknown',
      messageId: 'ses-1',
      occurredAt: new Date('2026-03-01T10:00:00Z'),
    });
    await expect(metric('dispatcher_suppressions_added_total')).resolves.toEqual([
      expect.objectContaining({ value: 1, labels: { reason: 'bounce' } }),
    ]);
  });

  it('only counts a transient bounce', async () => {
    const { service, repository, metric } = setup();

    await service.recordBounce(
      { email: 'full@example.org', bounceType: 'transient', occurredAt: '2026-03-01T10:00:00Z' },
      tx,
    );

    expect(repository.insert).not.toHaveBeenCalled();
    await expect(metric('dispatcher_email_bounces_total')).resolves.toEqual([
      expect.objectContaining({ value: 1, labels: { type: 'transient' } }),
    ]);
  });

  it('suppresses an address whose owner complained', async () => {
    const { service, repository } = setup();

    await service.recordComplaint({ email: 'angry@example.org', occurredAt: '2026-03-01T10:00:00Z' }, tx);

    expect(repository.insert).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({ email: 'angry@example.org', reason: 'complaint' }),
    );
  });

  it('does not count an address that was already suppressed', async () => {
    const { service, repository, metric } = setup();
    repository.insert.mockResolvedValue(false);

    await service.suppress('again@example.org', 'complaint', tx);

    await expect(metric('dispatcher_suppressions_added_total')).resolves.toEqual([]);
  });
});
