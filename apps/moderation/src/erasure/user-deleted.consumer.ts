import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { UserErasureRepository } from './user-erasure.repository';

/** Only erasures are this service's business on the platform's topic; the other ingress types are ignored. */
@Injectable()
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

  @OnEvent(EventTypes.UserDeleted)
  onUserDeleted(event: TypedCloudEvent<typeof EventTypes.UserDeleted>, tx: EntityManager): Promise<void> {
    return this.erasure.erase(tx, event.data.userId);
  }
}
