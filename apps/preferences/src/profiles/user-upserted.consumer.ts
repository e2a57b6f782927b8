import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { UserSettingsService } from '../settings/user-settings.service';
import { ProfileService } from './profile.service';

/** Takes the user profiles the platform publishes, and erases deleted users; the other ingress events are the dispatcher's. */
@Injectable()
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

  @OnEvent(EventTypes.UserUpserted)
  onUserUpserted(event: TypedCloudEvent<typeof EventTypes.UserUpserted>, tx: EntityManager): Promise<void> {
    return this.profiles.applyUpsert(event, tx);
  }

  @OnEvent(EventTypes.UserDeleted)
  onUserDeleted(event: TypedCloudEvent<typeof EventTypes.UserDeleted>, tx: EntityManager): Promise<void> {
    return this.settings.erase(tx, event.data.userId);
  }
}
