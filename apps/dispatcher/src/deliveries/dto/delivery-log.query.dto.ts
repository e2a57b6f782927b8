import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId } from '@notify/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

export class UserParams {
  @ApiProperty()
  @IsId()
  userId!: string;
}

export class DeliveryLogQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}
