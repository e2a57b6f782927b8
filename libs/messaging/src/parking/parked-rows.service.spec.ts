import { ConflictException, NotFoundException } from '@nestjs/common';
import type { DeadLetterPublisher } from '../dead-letters/dead-letter.publisher';
import { TopicNamer } from '../kafka/topic-namer';
import type { ParkedRowsGauge } from './parked-rows.gauge';
import type { ParkedRowsRepository } from './parked-rows.repository';
import { ParkedRowsService } from './parked-rows.service';

describe('ParkedRowsService.retry', () => {
  let repository: jest.Mocked<
    Pick<ParkedRowsRepository, 'kindOf' | 'moveToOutbox' | 'findDeadLetter' | 'delete'>
  >;
  let deadLetters: { send: jest.Mock };
  let service: ParkedRowsService;

  beforeEach(() => {
    repository = {
      kindOf: jest.fn(),
      moveToOutbox: jest.fn(),
      findDeadLetter: jest.fn(),
      delete: jest.fn().mockResolvedValue(undefined),
    };
    deadLetters = { send: jest.fn().mockResolvedValue(undefined) };
    service = new ParkedRowsService(
      repository as unknown as ParkedRowsRepository,
      deadLetters as unknown as DeadLetterPublisher,
      new TopicNamer('p.'),
      { refreshQuietly: jest.fn() } as unknown as ParkedRowsGauge,
    );
  });

  it('moves an outbox row back to the outbox', async () => {
    repository.kindOf.mockResolvedValue('outbox');
    repository.moveToOutbox.mockResolvedValue('42');

    await expect(service.retry('7')).resolves.toEqual({ id: '7', kind: 'outbox', outboxId: '42' });
    expect(deadLetters.send).not.toHaveBeenCalled();
  });

  it.each([
    ['no such row', undefined, undefined],
    ['a row retried meanwhile by another call', 'outbox' as const, undefined],
  ])('answers 404 for %s', async (_case, kind, outboxId) => {
    repository.kindOf.mockResolvedValue(kind);
    repository.moveToOutbox.mockResolvedValue(outboxId);

    await expect(service.retry('7')).rejects.toThrow(NotFoundException);
  });

  it('sends a dead-letter copy to its physical dead-letter topic, then deletes it', async () => {
    repository.kindOf.mockResolvedValue('dead-letter');
    repository.findDeadLetter.mockResolvedValue({
      topic: 'platform.activity.v1.dlq',
      key: 'user-1',
      value: Buffer.from('{'),
      headers: { 'dlq-reason': 'malformed' },
    });

    await expect(service.retry('7')).resolves.toEqual({ id: '7', kind: 'dead-letter' });
    expect(deadLetters.send).toHaveBeenCalledWith({
      topic: 'p.platform.activity.v1.dlq',
      key: Buffer.from('user-1'),
      value: Buffer.from('{'),
      headers: { 'dlq-reason': 'malformed' },
    });
    expect(repository.delete).toHaveBeenCalledWith('7');
  });

  it('keeps a dead-letter copy parked and answers 409 when Kafka refuses it again', async () => {
    repository.kindOf.mockResolvedValue('dead-letter');
    repository.findDeadLetter.mockResolvedValue({ topic: 't.dlq', key: null, value: null, headers: {} });
    deadLetters.send.mockRejectedValue(new Error('Not authorized to access topics: [p.t.dlq]'));

    await expect(service.retry('7')).rejects.toThrow(ConflictException);
    expect(repository.delete).not.toHaveBeenCalled();
  });
});
