import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId, IsText, Limits, Optional } from '@notify/contracts';

export class JoinCommunityDto {
  @ApiProperty({ description: 'The user who joins; a user may only join for themselves' })
  @IsId()
  userId!: string;

  @ApiPropertyOptional({
    maxLength: Limits.message,
    description: 'Shown to the moderators of a restricted community',
  })
  @Optional()
  @IsText(Limits.message)
  message?: string;
}
