import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, Topics, PreferenceProfileData } from '@notify/contracts';
import { EventConsumer, EventContext } from '@notify/messaging';
import { EventIntake } from './event-intake.service';

/** Full current profiles from the preferences service (compacted topic, keyed by user id). */
@EventConsumer({ topic: Topics.PreferenceProfiles })
export class ProfilesConsumer {
  constructor(private readonly intake: EventIntake) {}

  @EventPattern(EventTypes.PreferenceProfileChanged)
  onProfileChanged(
    @Payload() _data: PreferenceProfileData,
    @Ctx() ctx: EventContext<'preferences.profile.changed'>,
  ): Promise<void> {
    return this.intake.handle(ctx.event, ctx.tx, ctx.message);
  }
}
