import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { kafkajsRequestQueue, quietRequestQueue } from './request-queue-idle';

const logger = new Logger('Kafka');

// kafkajs logs every failed CreateTopics response as an error, even when the only failure is a topic that another
// service created a moment earlier; KafkaAdminService reports the failures that matter itself.
const CREATE_TOPICS_RESPONSE = /^Response CreateTopics\b/;

/** Sends kafkajs' own log lines through the Nest logger; only warnings and errors, it is chatty otherwise. */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
    const line = { msg: message, ...extra };
    if (level === logLevel.ERROR && !CREATE_TOPICS_RESPONSE.test(message)) {
      logger.error(line);
    } else if (level === logLevel.WARN) {
      logger.warn(line);
    } else {
      logger.debug(line);
    }
  };
}

export function createKafkaClient(options: ResolvedMessagingOptions): Kafka {
  quietRequestQueue(kafkajsRequestQueue().prototype);
  return new Kafka({
    retry: { initialRetryTime: 300, retries: 5 },
    ...options.kafka,
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator,
  });
}
