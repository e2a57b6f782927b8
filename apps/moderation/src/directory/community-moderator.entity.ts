import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A moderator of a community with the contact given to the users they decide about. */
@Entity('community_moderators')
export class CommunityModerator {
  @PrimaryColumn({ name: 'community_id', type: 'varchar', length: 200 })
  communityId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 200 })
  userId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 320 })
  contactEmail!: string;
}
