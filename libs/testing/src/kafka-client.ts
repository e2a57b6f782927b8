import { Kafka, logLevel } from 'kafkajs';

/** A client for test helpers: only errors are logged, the broker's chatter would drown the test output. */
export function testKafka(brokers: string[], clientId = 'notify-tests'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR });
}
