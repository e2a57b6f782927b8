import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { ProfileService } from './profile.service';

/** Takes the user profiles the platform publishes; the other ingress events are the dispatcher's. */
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
  constructor(private readonly profiles: ProfileService) {}

  @OnEvent(EventTypes.UserUpserted)
  onUserUpserted(event: TypedCloudEvent<typeof EventTypes.UserUpserted>, tx: EntityManager): Promise<void> {
    return this.profiles.applyUpsert(event, tx);
  }
}
