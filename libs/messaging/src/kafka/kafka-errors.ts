interface KafkaErrorShape {
  type?: unknown;
  retriable?: unknown;
  errors?: unknown;
  originalError?: unknown;
}

/**
 * True when trying again may succeed: the broker is still starting or electing leaders, metadata is propagating,
 * or a connection dropped. Authentication, authorisation and invalid requests are final.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { errors, originalError, retriable } = error as KafkaErrorShape;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.every(isRetriableKafkaError);
  }
  if (originalError !== undefined) {
    return isRetriableKafkaError(originalError);
  }
  return retriable === true;
}

/** The broker's error codes behind an error (`TOPIC_AUTHORIZATION_FAILED`, ...), or its message. */
export function kafkaErrorReasons(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) {
    return [String(error)];
  }
  const { errors, originalError, type } = error as KafkaErrorShape;
  if (Array.isArray(errors) && errors.length > 0) {
    return [...new Set(errors.flatMap(kafkaErrorReasons))];
  }
  if (originalError !== undefined) {
    return kafkaErrorReasons(originalError);
  }
  if (typeof type === 'string') {
    return [type];
  }
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  // kafkajs reports a topic refused in a metadata answer by message only.
  return [TOPIC_REFUSED.test(message) ? 'TOPIC_AUTHORIZATION_FAILED' : message];
}

const TOPIC_REFUSED = /^Not authorized to access topics\b/;
