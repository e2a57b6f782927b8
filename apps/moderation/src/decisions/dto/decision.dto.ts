import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId, IsText, Limits, Optional } from '@notify/contracts';

export class ItemParams {
  @ApiProperty({ description: 'The access request or submission id issued by the communities service' })
  @IsId()
  id!: string;
}

export class ApproveDto {
  @ApiPropertyOptional({ maxLength: Limits.reason, description: 'Optional note passed on to the user' })
  @Optional()
  @IsText(Limits.reason)
  reason?: string;
}

export class RejectDto {
  @ApiProperty({ minLength: 1, maxLength: Limits.reason, description: 'Sent to the user with your contact' })
  @IsText(Limits.reason)
  reason!: string;
}
