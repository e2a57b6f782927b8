import { ApiProperty } from '@nestjs/swagger';
import { IsBcp47Locale, IsEmailAddress, IsIanaTimeZone, IsText, Limits } from '@notify/contracts';
import type { NotificationProfile } from '../../settings/user-settings';

/** Where and how a user is emailed. */
export class ProfileDto implements NotificationProfile {
  @ApiProperty({ format: 'email', maxLength: Limits.email, example: 'ana.novak@example.eu' })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ maxLength: Limits.displayName, example: 'Ana Novak' })
  @IsText(Limits.displayName)
  displayName!: string;

  @ApiProperty({
    description: 'BCP 47 language tag; emails use this language, English when no template exists for it',
    maxLength: Limits.locale,
    example: 'sl-SI',
  })
  @IsBcp47Locale()
  locale!: string;

  @ApiProperty({
    description: 'IANA time zone; daily and weekly digests are sent at a fixed local hour in it',
    maxLength: Limits.timeZone,
    example: 'Europe/Ljubljana',
  })
  @IsIanaTimeZone()
  timeZone!: string;
}
