import { DeadLetterHeaders } from '@notify/contracts';
import { buildDeadLetterHeaders, truncateError, type DeadLetterInfo } from './dead-letter';

describe('buildDeadLetterHeaders', () => {
  const info: DeadLetterInfo = {
    reason: 'invalid-payload',
    error: 'invalid data for platform.user.upserted: email (email must be an email)',
    topic: 'prod.platform.activity.v1',
    partition: 2,
    offset: '4711',
    groupId: 'dispatcher',
    failedAt: new Date('2025-03-01T10:00:00.000Z'),
  };

  it('keeps the original headers and says why, where and when the record failed', () => {
    const original = { ce_id: Buffer.from('evt-1'), ce_type: 'platform.user.upserted', traceparent: 'tp' };

    expect(buildDeadLetterHeaders(original, info)).toEqual({
      ...original,
      [DeadLetterHeaders.Reason]: 'invalid-payload',
      [DeadLetterHeaders.Error]: info.error,
      [DeadLetterHeaders.OriginalTopic]: 'prod.platform.activity.v1',
      [DeadLetterHeaders.OriginalPartition]: '2',
      [DeadLetterHeaders.OriginalOffset]: '4711',
      [DeadLetterHeaders.ConsumerGroup]: 'dispatcher',
      [DeadLetterHeaders.FailedAt]: '2025-03-01T10:00:00.000Z',
    });
  });

  it('replaces the dead-letter headers of a replayed record instead of repeating them', () => {
    const replayed = { 'DLQ-Reason': 'no-handler', [DeadLetterHeaders.OriginalOffset]: '1', ce_id: 'evt-1' };

    const headers = buildDeadLetterHeaders(replayed, info);

    expect(headers).not.toHaveProperty('DLQ-Reason');
    expect(headers[DeadLetterHeaders.Reason]).toBe('invalid-payload');
    expect(headers[DeadLetterHeaders.OriginalOffset]).toBe('4711');
    expect(headers.ce_id).toBe('evt-1');
  });

  it('works for a record without headers', () => {
    expect(buildDeadLetterHeaders(undefined, info)[DeadLetterHeaders.Reason]).toBe('invalid-payload');
  });
});

describe('truncateError', () => {
  it('flattens whitespace and bounds the length', () => {
    expect(truncateError('line one\n   line two')).toBe('line one line two');
    const long = truncateError('x'.repeat(5000));
    expect(long).toHaveLength(1000);
    expect(long.endsWith('…')).toBe(true);
  });
});
