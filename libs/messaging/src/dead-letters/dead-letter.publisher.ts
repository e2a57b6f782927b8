import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { KAFKA_CLIENT } from '../messaging.constants';
import { deadLetterCopy, type DeadLetterCopy, type DeadLetterInfo } from './dead-letter';

/** Sends dead-letter copies with the same key as the consumed record. */
@Injectable()
export class DeadLetterPublisher {
  private producer?: Promise<Producer>;

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  /** Copies a record, unchanged but for the `dlq-*` headers, to `<physical topic>.dlq`. */
  publish(message: KafkaMessage, info: DeadLetterInfo): Promise<void> {
    return this.send(deadLetterCopy(message, info));
  }

  async send(copy: DeadLetterCopy): Promise<void> {
    try {
      const producer = await this.connected();
      await producer.send({
        topic: copy.topic,
        acks: -1,
        messages: [{ key: copy.key, value: copy.value, headers: copy.headers }],
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
