import { Injectable } from '@nestjs/common';
import { EventTypes, Topics, type TypedCloudEvent } from '@notify/contracts';
import { EventConsumer, OnEvent, type MessageContext } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import { EventIntake } from './event-intake.service';

/** Full current profiles from the preferences service (compacted topic, keyed by user id). */
@Injectable()
@EventConsumer({ topic: Topics.PreferenceProfiles })
export class ProfilesConsumer {
  constructor(private readonly intake: EventIntake) {}

  @OnEvent(EventTypes.PreferenceProfileChanged)
  onProfileChanged(
    event: TypedCloudEvent<'preferences.profile.changed'>,
    tx: EntityManager,
    context: MessageContext,
  ): Promise<void> {
    return this.intake.handle(event, tx, context);
  }
}
