import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Community } from './community.entity';

@Entity('community_moderators')
export class CommunityModerator {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 200 })
  userId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 320 })
  contactEmail!: string;

  @ManyToOne(() => Community, (community) => community.moderators, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'community_id' })
  community?: Community;
}
