import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MembershipState = 'joined' | 'left';

/** Whether a user is a member of a community; a departure is kept so an older `joined` cannot revive it. */
@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn({ name: 'community_id', type: 'varchar' })
  communityId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar' })
  userId!: string;

  @Column({ type: 'varchar' })
  state!: MembershipState;

  /** Time of the event that produced this state. */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
