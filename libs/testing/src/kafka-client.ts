import { Kafka, logLevel } from 'kafkajs';
import { ADMIN_PRINCIPAL, currentKafkaAccess } from './kafka-access';

/**
 * A client for test helpers, authenticated as `principal`: by default the local super user, standing in for an
 * operator's tools. Only errors are logged, the broker's chatter would drown the test output.
 */
export function testKafka(brokers: string[], clientId = 'notify-tests', principal = ADMIN_PRINCIPAL): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.ERROR,
    ...currentKafkaAccess().clientSecurity(principal),
  });
}
