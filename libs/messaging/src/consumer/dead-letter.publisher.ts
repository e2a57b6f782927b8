import { Inject, Injectable } from '@nestjs/common';
import { deadLetterTopic } from '@notify/contracts';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { KAFKA_CLIENT } from '../messaging.constants';
import { buildDeadLetterHeaders, type DeadLetterInfo } from './dead-letter';

/** Copies a record, unchanged but for the `dlq-*` headers, to `<physical topic>.dlq` with the same key. */
@Injectable()
export class DeadLetterPublisher {
  private producer?: Promise<Producer>;

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  async publish(message: KafkaMessage, info: DeadLetterInfo): Promise<void> {
    try {
      const producer = await this.connected();
      await producer.send({
        topic: deadLetterTopic(info.topic),
        acks: -1,
        messages: [
          { key: message.key, value: message.value, headers: buildDeadLetterHeaders(message.headers, info) },
        ],
      });
    } catch (error) {
      await this.disconnect();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  private connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      this.producer = producer.connect().then(() => producer);
    }
    return this.producer;
  }
}
