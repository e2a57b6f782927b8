import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { KAFKA_CLIENT } from '../messaging.constants';

/**
 * The relay's Kafka producer. Idempotent with one request in flight, so retries neither duplicate nor reorder
 * records within a partition. After a failure the producer is dropped and a fresh one (new producer id, clean
 * sequence numbers) is connected on the next send.
 */
@Injectable()
export class OutboxPublisher {
  private producer?: Producer;

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  async send(topicMessages: TopicMessages[]): Promise<void> {
    const producer = await this.connected();
    try {
      await producer.sendBatch({ topicMessages, acks: -1 });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.reset();
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      try {
        await producer.connect();
      } catch (error) {
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      this.producer = producer;
    }
    return this.producer;
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
