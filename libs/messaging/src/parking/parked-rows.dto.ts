import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PARKED_PAGE = 200;

const ROW_ID = /^[1-9]\d{0,17}$/;

export class ParkedRowsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PARKED_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PARKED_PAGE)
  limit: number = 50;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @Matches(ROW_ID, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class ParkedRowParams {
  @ApiProperty({ description: 'Id of the parked row' })
  @Matches(ROW_ID, { message: 'id must be the id of a parked row' })
  id!: string;
}

export class ParkedRowDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    enum: ['outbox', 'dead-letter'],
    description: 'Outbox relay or a consumer dead-letter write',
  })
  kind!: string;

  @ApiProperty({ enum: ['too-large', 'rejected', 'attempts-exhausted'] })
  reason!: string;

  @ApiProperty({ description: 'What Kafka (or the size check) said' })
  error!: string;

  @ApiProperty({ description: 'Logical topic (`<topic>.dlq` for a dead-letter copy)' })
  topic!: string;

  @ApiProperty({ type: String, nullable: true })
  key!: string | null;

  @ApiProperty({ type: String, nullable: true })
  eventType!: string | null;

  @ApiProperty({ type: String, nullable: true })
  eventId!: string | null;

  @ApiProperty({ description: 'Size of the record in bytes' })
  sizeBytes!: number;

  @ApiProperty({ description: 'Failed sends before it was parked' })
  attempts!: number;

  @ApiProperty({ format: 'date-time', description: 'When the event was written' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  firstAttemptAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastAttemptAt!: string;

  @ApiProperty({ format: 'date-time' })
  parkedAt!: string;
}

export class ParkedRowsPageDto {
  @ApiProperty({ type: [ParkedRowDto] })
  items!: ParkedRowDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class ParkedRowRetriedDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: ['outbox', 'dead-letter'] })
  kind!: string;

  @ApiPropertyOptional({ description: 'Id of the new outbox row (outbox rows go to the end of the outbox)' })
  outboxId?: string;
}
