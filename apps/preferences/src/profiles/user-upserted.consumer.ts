import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, Topics, UserDeletedData, UserUpsertedData } from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { UserSettingsService } from '../settings/user-settings.service';
import { ProfileService } from './profile.service';

/** Takes the user profiles the platform publishes, and erases deleted users; the other ingress events are the dispatcher's. */
@EventConsumer({
  topic: Topics.PlatformActivity,
  ignore: [
    EventTypes.MentionCreated,
    EventTypes.CommentCreated,
    EventTypes.MessageCreated,
    EventTypes.PlatformContentPublished,
  ],
})
export class UserUpsertedConsumer {
  constructor(
    private readonly profiles: ProfileService,
    private readonly settings: UserSettingsService,
  ) {}

  @EventPattern(EventTypes.UserUpserted)
  onUserUpserted(
    @Payload() _data: UserUpsertedData,
    @Ctx() ctx: EventContext<typeof EventTypes.UserUpserted>,
  ): Promise<void> {
    return this.profiles.applyUpsert(ctx.event, ctx.tx);
  }

  @EventPattern(EventTypes.UserDeleted)
  onUserDeleted(@Payload() data: UserDeletedData, @Ctx() ctx: EventContext): Promise<void> {
    return this.settings.erase(ctx.tx, data.userId);
  }
}
