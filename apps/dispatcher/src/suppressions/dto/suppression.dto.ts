import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmailAddress, IsText } from '@notify/contracts';
import type { SuppressionEntry } from '../../email/suppression.repository';

export class SuppressionQueryDto {
  @ApiProperty({ description: 'The address to look up (compared trimmed and lower-cased)' })
  @IsEmailAddress()
  email!: string;
}

export class SuppressionParams {
  @ApiProperty()
  @IsEmailAddress()
  email!: string;
}

export class RemoveSuppressionDto {
  @ApiProperty({
    description: 'Why the address may receive email again; kept with who removed it',
    maxLength: 500,
  })
  @IsText(500)
  reason!: string;
}

export class SuppressionResponse {
  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ['bounce', 'complaint'] })
  reason!: string;

  @ApiPropertyOptional({ description: 'Bounce diagnostic from the mail server' })
  detail?: string;

  @ApiPropertyOptional({ description: 'SES message id of the email that bounced or was reported' })
  messageId?: string;

  @ApiPropertyOptional({ description: 'CloudEvents source and id of the feedback event that suppressed it' })
  eventSource?: string;

  @ApiPropertyOptional()
  eventId?: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  static from(entry: SuppressionEntry): SuppressionResponse {
    return {
      email: entry.email,
      reason: entry.reason,
      detail: entry.detail ?? undefined,
      messageId: entry.messageId ?? undefined,
      eventSource: entry.eventSource ?? undefined,
      eventId: entry.eventId ?? undefined,
      occurredAt: entry.occurredAt.toISOString(),
    };
  }
}

export class SuppressionListResponse {
  @ApiProperty({ type: [SuppressionResponse], description: 'Empty when the address is not suppressed' })
  items!: SuppressionResponse[];
}
