/**
 * What a failed send says about the records sent:
 * - `record-rejected`: the broker answered with a final error about the records (too large, invalid, ...);
 * - `not-authorised`: the client may not write the topic, whatever the record;
 * - `unreachable`: no broker answered (connection, timeout): an outage, not the records' fault;
 * - `transient`: anything else, worth trying again.
 */
export type PublishFailure = 'record-rejected' | 'not-authorised' | 'unreachable' | 'transient';

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  type?: unknown;
  retriable?: unknown;
  errors?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
]);

const TOPIC_REFUSED = /^Not authorized to access topics\b/;
const NOT_AUTHORISED = /AUTHORIZATION_FAILED|AUTHENTICATION|^KafkaJSSASLAuthenticationError$/;

/** The innermost errors behind a kafkajs error (retries exceeded, aggregates, causes). */
function leaves(error: unknown, depth = 0): ErrorShape[] {
  if (typeof error !== 'object' || error === null || depth > 8) {
    return [];
  }
  const shape = error as ErrorShape;
  if (Array.isArray(shape.errors) && shape.errors.length > 0) {
    return shape.errors.flatMap((inner) => leaves(inner, depth + 1));
  }
  const inner = shape.originalError ?? shape.cause;
  return inner === undefined ? [shape] : leaves(inner, depth + 1);
}

/** Classifies a failed produce request; see `PublishFailure`. */
export function classifyPublishFailure(error: unknown): PublishFailure {
  const causes = leaves(error);
  const labels = causes.flatMap((cause) =>
    [cause.type, cause.name].filter((label): label is string => typeof label === 'string'),
  );
  // kafkajs reports a topic refused in a metadata answer by message only.
  const refused = causes.some(
    (cause) => typeof cause.message === 'string' && TOPIC_REFUSED.test(cause.message),
  );
  if (refused || labels.some((label) => NOT_AUTHORISED.test(label))) {
    return 'not-authorised';
  }
  if (labels.some((label) => UNREACHABLE.has(label))) {
    return 'unreachable';
  }
  // A broker's answer (it carries an error code type) that retrying cannot change.
  if (causes.some((cause) => typeof cause.type === 'string' && cause.retriable === false)) {
    return 'record-rejected';
  }
  return 'transient';
}
