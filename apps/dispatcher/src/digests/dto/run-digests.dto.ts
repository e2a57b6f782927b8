import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsRfc3339DateTime } from '@notify/contracts';
import { IsOptional } from 'class-validator';
import type { DigestRunSummary } from '../digest-runner.service';

export class RunDigestsDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'The instant whose due digests are built and sent (users whose local hour it is); now by default',
  })
  @IsOptional()
  @IsRfc3339DateTime()
  at?: string;
}

export class DigestRunResponse {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'Digests opened for the periods due at `at`' })
  opened!: number;

  @ApiProperty({ description: 'Digest emails sent by this run (including retries of earlier ones)' })
  sent!: number;

  @ApiProperty({
    description: 'Digests with nothing left to send (membership lost, preference now never, ...)',
  })
  skipped!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty({ description: 'Digests left for a later try' })
  retrying!: number;

  static from(summary: DigestRunSummary): DigestRunResponse {
    return { ...summary };
  }
}
