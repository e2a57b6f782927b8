import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsRfc3339DateTime } from '@notify/contracts';
import { IsOptional } from 'class-validator';

export class RunRemindersDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The instant to evaluate "pending for too long" at; now by default',
  })
  @IsOptional()
  @IsRfc3339DateTime()
  at?: string;
}

export class RunRemindersResponse {
  @ApiProperty({ description: 'Reminders emitted by this run' })
  reminded!: number;
}
