import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CommunityVisibility } from '@notify/contracts';
import { CommunityModerator } from './community-moderator.entity';

@Entity('communities')
export class Community {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  visibility!: CommunityVisibility;

  @Column({ type: 'boolean' })
  moderated!: boolean;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  @OneToMany(() => CommunityModerator, (moderator) => moderator.community)
  moderators!: CommunityModerator[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
