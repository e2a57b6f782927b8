import { ApiProperty } from '@nestjs/swagger';
import { IsId, Limits } from '@notify/contracts';

/** The `{userId}` path parameter of the per-user routes. */
export class UserIdParams {
  @ApiProperty({ description: 'Platform user id', maxLength: Limits.id, example: 'user-42' })
  @IsId()
  userId!: string;
}
