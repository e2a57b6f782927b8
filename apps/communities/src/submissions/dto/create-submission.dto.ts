import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsHttpUrl, IsId, IsText, Limits, Optional } from '@notify/contracts';

export class CreateSubmissionDto {
  @ApiProperty({ description: 'A member of the community; a user submits only as themselves' })
  @IsId()
  authorId!: string;

  @ApiProperty({ maxLength: Limits.title })
  @IsText(Limits.title)
  title!: string;

  @ApiProperty({ format: 'uri', maxLength: Limits.url })
  @IsHttpUrl()
  url!: string;

  @ApiPropertyOptional({
    maxLength: Limits.excerpt,
    description: 'Never emailed for a confidential community',
  })
  @Optional()
  @IsText(Limits.excerpt)
  excerpt?: string;
}
