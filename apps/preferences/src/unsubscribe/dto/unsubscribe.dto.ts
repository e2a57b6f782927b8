import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { OptionalCategory } from '../../preferences/category-rules';
import type { UnsubscribeOutcome, UnsubscribeStatus } from '../unsubscribe.service';

export class UnsubscribeQuery {
  @ApiProperty({
    description:
      'Signed, expiring token of the List-Unsubscribe link (LinkSigner, keys UNSUBSCRIBE_SIGNING_KEYS; ' +
      'claims purpose=unsubscribe, userId, category)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  token!: string;
}

/** RFC 8058 body (`application/x-www-form-urlencoded`); optional, since the token alone authorises the request. */
export class OneClickUnsubscribeBody {
  @ApiPropertyOptional({ enum: ['One-Click'] })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: string;
}

export class UnsubscribeOutcomeDto implements UnsubscribeOutcome {
  @ApiProperty({ enum: ['mentions', 'comments', 'privateMessages'] })
  category!: OptionalCategory;

  @ApiProperty({
    enum: ['unsubscribed', 'already-unsubscribed'],
    description: '`already-unsubscribed` when the category was already `never`: nothing changed',
  })
  status!: UnsubscribeStatus;
}
