import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { TraceContext } from '@notify/observability';
import type { EntityManager } from 'typeorm';
import { EventConsumer, OnEvent, type MessageContext } from '../../src';

export const ALWAYS_FAILS = 'always-fails';

/**
 * Test consumer: records each handled user event; a user named `always-fails`, or listed in `brokenUsers`
 * (a bug fixed later by emptying the set), makes the handler throw.
 */
@Injectable()
@EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.MessageCreated] })
export class UserActivityConsumer {
  static delayMs = 0;
  static readonly brokenUsers = new Set<string>();

  @OnEvent(EventTypes.UserUpserted)
  async onUserUpserted(
    event: TypedCloudEvent<typeof EventTypes.UserUpserted>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO handled_event (event_id, subject, traceparent, partition, kafka_offset) VALUES ($1, $2, $3, $4, $5)`,
      [event.id, event.data.userId, TraceContext.current(), context.partition, context.offset],
    );
    if (UserActivityConsumer.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, UserActivityConsumer.delayMs));
    }
    if (event.data.displayName === ALWAYS_FAILS || UserActivityConsumer.brokenUsers.has(event.data.userId)) {
      throw new Error(`cannot handle ${event.data.userId}`);
    }
  }
}
