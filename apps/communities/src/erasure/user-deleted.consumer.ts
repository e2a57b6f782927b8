import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, Topics, UserDeletedData } from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { UserErasureRepository } from './user-erasure.repository';

/** Only erasures are this service's business on the platform's topic; the other ingress types are ignored. */
@EventConsumer({
  topic: Topics.PlatformActivity,
  ignore: [
    EventTypes.UserUpserted,
    EventTypes.MentionCreated,
    EventTypes.CommentCreated,
    EventTypes.MessageCreated,
    EventTypes.PlatformContentPublished,
  ],
})
export class UserDeletedConsumer {
  constructor(private readonly erasure: UserErasureRepository) {}

  @EventPattern(EventTypes.UserDeleted)
  onUserDeleted(@Payload() data: UserDeletedData, @Ctx() ctx: EventContext): Promise<void> {
    return this.erasure.erase(ctx.tx, data.userId);
  }
}
