import type { CommunityVisibility } from '@notify/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ModeratorContactRow {
  userId: string;
  displayName: string;
  contactEmail: string;
}

/** A community as last described by the communities service. */
@Entity({ name: 'communities' })
export class CommunityEntity {
  @PrimaryColumn({ name: 'community_id', type: 'varchar' })
  communityId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'varchar' })
  visibility!: CommunityVisibility;

  @Column({ type: 'boolean' })
  moderated!: boolean;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  @Column({ type: 'jsonb' })
  moderators!: ModeratorContactRow[];

  /** Time of the event that produced this state; an older event never overwrites it. */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
