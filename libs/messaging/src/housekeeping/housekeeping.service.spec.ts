import { resolveMessagingOptions } from '../messaging.options';
import type { HousekeepingRepository } from './housekeeping.repository';
import { HousekeepingService } from './housekeeping.service';

describe('HousekeepingService.sweep', () => {
  const now = new Date('2025-03-10T00:00:00Z');
  let deleteExpired: jest.Mock;
  let service: HousekeepingService;

  beforeEach(() => {
    deleteExpired = jest.fn();
    const options = resolveMessagingOptions({
      clientId: 'c',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      housekeeping: { retentionMs: 24 * 60 * 60 * 1000, batchSize: 100 },
    });
    service = new HousekeepingService(options, { deleteExpired } as unknown as HousekeepingRepository);
  });

  it('deletes in batches until a batch comes back short, for the outbox then the inbox', async () => {
    deleteExpired.mockResolvedValueOnce(100).mockResolvedValueOnce(100).mockResolvedValueOnce(7);
    deleteExpired.mockResolvedValueOnce(0);

    await expect(service.sweep(now)).resolves.toEqual({ outboxRows: 207, inboxRows: 0 });

    const cutoff = new Date('2025-03-09T00:00:00Z');
    expect(deleteExpired.mock.calls).toEqual([
      ['outbox', cutoff, 100],
      ['outbox', cutoff, 100],
      ['outbox', cutoff, 100],
      ['inbox', cutoff, 100],
    ]);
  });

  it('stops as soon as another replica holds the sweep', async () => {
    deleteExpired.mockResolvedValueOnce(100).mockResolvedValue(undefined);

    await expect(service.sweep(now)).resolves.toEqual({ outboxRows: 100, inboxRows: 0 });
    expect(deleteExpired).toHaveBeenCalledTimes(3);
  });
});
