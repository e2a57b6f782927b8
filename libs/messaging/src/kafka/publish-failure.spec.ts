import { classifyPublishFailure } from './publish-failure';

const protocol = (type: string, retriable: boolean) =>
  Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, retriable });
const named = (name: string, message = name) => Object.assign(new Error(message), { name });
const retriesExceeded = (originalError: Error) =>
  Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', originalError });

describe('classifyPublishFailure', () => {
  it.each([
    ['a record too large', protocol('MESSAGE_TOO_LARGE', false), 'record-rejected'],
    ['an invalid record', protocol('INVALID_RECORD', false), 'record-rejected'],
    ['a topic ACL refusal', protocol('TOPIC_AUTHORIZATION_FAILED', false), 'not-authorised'],
    ['a SASL failure', named('KafkaJSSASLAuthenticationError'), 'not-authorised'],
    ['a topic refused in metadata', new Error('Not authorized to access topics: [a.v1]'), 'not-authorised'],
    ['a refused connection after retries', retriesExceeded(named('KafkaJSConnectionError')), 'unreachable'],
    ['a request timeout', named('KafkaJSRequestTimeoutError'), 'unreachable'],
    ['a leader election', protocol('LEADER_NOT_AVAILABLE', true), 'transient'],
    [
      'retries exceeded on a retriable code',
      retriesExceeded(protocol('NOT_ENOUGH_REPLICAS', true)),
      'transient',
    ],
    [
      'an aggregate with one final refusal',
      Object.assign(new Error('x'), { errors: [protocol('MESSAGE_TOO_LARGE', false)] }),
      'record-rejected',
    ],
    ['an error kafkajs did not classify', new Error('boom'), 'transient'],
    ['not an error at all', 'boom', 'transient'],
  ])('%s is %s', (_case, error, failure) => {
    expect(classifyPublishFailure(error)).toBe(failure);
  });
});
