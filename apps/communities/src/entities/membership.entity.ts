import type { MembershipOrigin } from '@notify/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('memberships')
export class Membership {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 200 })
  userId!: string;

  @Column({ name: 'joined_via', type: 'varchar', length: 32 })
  joinedVia!: MembershipOrigin;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}
