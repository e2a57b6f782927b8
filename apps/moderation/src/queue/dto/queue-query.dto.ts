import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsId } from '@notify/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsQueueCursor } from '../queue-cursor';

export const MAX_PAGE_SIZE = 200;

export class QueueQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsQueueCursor()
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only this community' })
  @IsOptional()
  @IsId()
  communityId?: string;
}
