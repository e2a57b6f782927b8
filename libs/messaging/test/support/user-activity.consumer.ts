import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, Topics, UserUpsertedData } from '@notify/contracts';
import { TraceContext } from '@notify/observability';
import { EventConsumer, EventContext } from '../../src';

export const ALWAYS_FAILS = 'always-fails';

/**
 * Test consumer: records each handled user event; a user named `always-fails`, or listed in `brokenUsers`
 * (a bug fixed later by emptying the set), makes the handler throw.
 */
@EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.MessageCreated] })
export class UserActivityConsumer {
  static delayMs = 0;
  static readonly brokenUsers = new Set<string>();

  @EventPattern(EventTypes.UserUpserted)
  async onUserUpserted(@Payload() data: UserUpsertedData, @Ctx() ctx: EventContext): Promise<void> {
    const { id, partition, offset } = ctx.metadata;
    await ctx.tx.query(
      `INSERT INTO handled_event (event_id, subject, traceparent, partition, kafka_offset) VALUES ($1, $2, $3, $4, $5)`,
      [id, data.userId, TraceContext.current(), partition, offset],
    );
    if (UserActivityConsumer.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, UserActivityConsumer.delayMs));
    }
    if (data.displayName === ALWAYS_FAILS || UserActivityConsumer.brokenUsers.has(data.userId)) {
      throw new Error(`cannot handle ${data.userId}`);
    }
  }
}
