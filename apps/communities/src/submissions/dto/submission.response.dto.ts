import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SubmissionOutcome } from '../submissions.service';

export class SubmissionResponse {
  @ApiProperty({
    enum: ['pending', 'published'],
    description: 'pending (202) in a moderated community, published (201) otherwise',
  })
  status!: 'pending' | 'published';

  @ApiPropertyOptional({ format: 'uuid', description: 'Set when pending' })
  submissionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Set when published' })
  contentId?: string;

  static from(outcome: SubmissionOutcome): SubmissionResponse {
    return { ...outcome };
  }
}
