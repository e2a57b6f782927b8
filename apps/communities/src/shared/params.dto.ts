import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '@notify/contracts';
import { IsUUID } from 'class-validator';

export class CommunityParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class MemberParams extends CommunityParams {
  @ApiProperty()
  @IsId()
  userId!: string;
}
