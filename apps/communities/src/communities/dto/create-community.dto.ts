import { ApiProperty } from '@nestjs/swagger';
import {
  COMMUNITY_VISIBILITIES,
  IsEmailAddress,
  IsId,
  IsText,
  Limits,
  Nested,
  type CommunityVisibility,
} from '@notify/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn } from 'class-validator';

export class ModeratorContactDto {
  @ApiProperty({ maxLength: Limits.id, example: 'user-42' })
  @IsId()
  userId!: string;

  @ApiProperty({ maxLength: Limits.displayName, example: 'Anna Schmidt' })
  @IsText(Limits.displayName)
  displayName!: string;

  @ApiProperty({
    format: 'email',
    maxLength: Limits.email,
    description: 'Shown to users whose request or submission this moderator decides',
  })
  @IsEmailAddress()
  contactEmail!: string;
}

export class CreateCommunityDto {
  @ApiProperty({ maxLength: Limits.communityName, example: 'Green public procurement' })
  @IsText(Limits.communityName)
  name!: string;

  @ApiProperty({
    enum: COMMUNITY_VISIBILITIES,
    description: 'open: anyone joins at once; restricted: a moderator decides',
  })
  @IsIn(COMMUNITY_VISIBILITIES, {
    message: `visibility must be one of: ${COMMUNITY_VISIBILITIES.join(', ')}`,
  })
  visibility!: CommunityVisibility;

  @ApiProperty({ description: 'Submissions wait for a moderator when true, are published at once otherwise' })
  @IsBoolean()
  moderated!: boolean;

  @ApiProperty({ description: 'Emails about this community carry only a title and a link, never an excerpt' })
  @IsBoolean()
  confidential!: boolean;

  @ApiProperty({ type: [ModeratorContactDto], minItems: 1, maxItems: Limits.moderators })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.moderators)
  @ArrayUnique((moderator: Partial<ModeratorContactDto> | null) => moderator?.userId, {
    message: 'moderators must not list the same userId twice',
  })
  @Nested(() => ModeratorContactDto, { each: true })
  moderators!: ModeratorContactDto[];
}
