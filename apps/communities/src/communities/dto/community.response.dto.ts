import { ApiProperty } from '@nestjs/swagger';
import { COMMUNITY_VISIBILITIES, type CommunityVisibility } from '@notify/contracts';
import type { Community } from '../../entities/community.entity';
import { ModeratorContactDto } from './create-community.dto';

export class CommunityResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: COMMUNITY_VISIBILITIES })
  visibility!: CommunityVisibility;

  @ApiProperty()
  moderated!: boolean;

  @ApiProperty()
  confidential!: boolean;

  @ApiProperty({ type: [ModeratorContactDto] })
  moderators!: ModeratorContactDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static from(community: Community): CommunityResponse {
    const { id, name, visibility, moderated, confidential, moderators, createdAt, updatedAt } = community;
    return {
      id,
      name,
      visibility,
      moderated,
      confidential,
      moderators: moderators.map(({ userId, displayName, contactEmail }) => ({
        userId,
        displayName,
        contactEmail,
      })),
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    };
  }
}
