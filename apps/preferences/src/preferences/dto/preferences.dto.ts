import { ApiProperty } from '@nestjs/swagger';
import {
  COMMUNITY_ACTIVITY_FREQUENCIES,
  FREQUENCIES,
  type CommunityActivityFrequency,
  type Frequency,
  type NotificationPreferences,
} from '@notify/contracts';
import { IsIn } from 'class-validator';

const FREQUENCY_MESSAGE = `$property must be one of: ${FREQUENCIES.join(', ')}`;

/**
 * The four categories, all required (a PUT replaces the whole set). Decisions, acknowledgements and moderator
 * alerts that need action are not a category: they are always sent at once.
 */
export class PreferencesDto implements NotificationPreferences {
  @ApiProperty({ enum: FREQUENCIES, default: 'immediately', description: 'Someone mentioned the user' })
  @IsIn(FREQUENCIES, { message: FREQUENCY_MESSAGE })
  mentions!: Frequency;

  @ApiProperty({
    enum: FREQUENCIES,
    default: 'immediately',
    description: 'New comments on content the user follows',
  })
  @IsIn(FREQUENCIES, { message: FREQUENCY_MESSAGE })
  comments!: Frequency;

  @ApiProperty({
    enum: FREQUENCIES,
    default: 'immediately',
    description: 'Private messages sent to the user',
  })
  @IsIn(FREQUENCIES, { message: FREQUENCY_MESSAGE })
  privateMessages!: Frequency;

  @ApiProperty({
    enum: COMMUNITY_ACTIVITY_FREQUENCIES,
    default: 'daily',
    description:
      'New content and members in communities the user joined. Cannot be never: leave the community instead',
  })
  @IsIn(COMMUNITY_ACTIVITY_FREQUENCIES, {
    message: `$property must be one of: ${COMMUNITY_ACTIVITY_FREQUENCIES.join(', ')} (it cannot be never: leaving the community stops it)`,
  })
  communityActivity!: CommunityActivityFrequency;
}
