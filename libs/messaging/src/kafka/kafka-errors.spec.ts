import { isRetriableKafkaError, kafkaErrorReasons } from './kafka-errors';

const protocolError = (type: string, retriable: boolean) =>
  Object.assign(new Error(type.toLowerCase()), { type, retriable });

describe('Kafka errors', () => {
  it.each([
    ['metadata still propagating', protocolError('UNKNOWN_TOPIC_OR_PARTITION', true), true],
    ['no leader yet', protocolError('LEADER_NOT_AVAILABLE', true), true],
    ['an ACL refusal', protocolError('TOPIC_AUTHORIZATION_FAILED', false), false],
    [
      'an aggregate of retriable causes',
      Object.assign(new Error('x'), { errors: [protocolError('LEADER_NOT_AVAILABLE', true)] }),
      true,
    ],
    [
      'an aggregate with one final cause',
      Object.assign(new Error('x'), {
        errors: [protocolError('LEADER_NOT_AVAILABLE', true), protocolError('POLICY_VIOLATION', false)],
      }),
      false,
    ],
    [
      'retries exhausted on a retriable cause',
      Object.assign(new Error('x'), {
        retriable: false,
        originalError: protocolError('REQUEST_TIMED_OUT', true),
      }),
      true,
    ],
    ['a plain error', new Error('boom'), false],
  ])('%s is retriable: %s', (_case, error, retriable) => {
    expect(isRetriableKafkaError(error)).toBe(retriable);
  });

  it('names the broker error codes behind an error', () => {
    expect(
      kafkaErrorReasons(
        Object.assign(new Error('x'), {
          errors: [
            protocolError('TOPIC_AUTHORIZATION_FAILED', false),
            protocolError('TOPIC_AUTHORIZATION_FAILED', false),
          ],
        }),
      ),
    ).toEqual(['TOPIC_AUTHORIZATION_FAILED']);
    expect(
      kafkaErrorReasons(new Error('Not authorized to access topics: [Topic authorization failed]')),
    ).toEqual(['TOPIC_AUTHORIZATION_FAILED']);
  });
});
