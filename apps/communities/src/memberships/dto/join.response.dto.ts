import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBERSHIP_ORIGINS, type MembershipOrigin } from '@notify/contracts';
import type { JoinOutcome } from '../memberships.service';

export class JoinResponse {
  @ApiProperty({
    enum: ['member', 'pending'],
    description: 'member (201) for an open community, pending (202) for a restricted one',
  })
  status!: 'member' | 'pending';

  @ApiPropertyOptional({ format: 'uuid', description: 'Set when pending' })
  accessRequestId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Set when pending' })
  requestedAt?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_ORIGINS, description: 'Set when member' })
  joinedVia?: MembershipOrigin;

  @ApiPropertyOptional({ format: 'date-time', description: 'Set when member' })
  joinedAt?: string;

  static from(outcome: JoinOutcome): JoinResponse {
    if (outcome.status === 'pending') {
      return {
        status: 'pending',
        accessRequestId: outcome.accessRequestId,
        requestedAt: outcome.requestedAt.toISOString(),
      };
    }
    const { joinedVia, joinedAt } = outcome.membership;
    return { status: 'member', joinedVia, joinedAt: joinedAt.toISOString() };
  }
}
