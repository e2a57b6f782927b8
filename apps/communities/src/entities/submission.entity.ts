import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionStatus } from '../shared/decision';

@Entity('submissions')
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @Column({ name: 'author_id', type: 'varchar', length: 200 })
  authorId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  excerpt!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: DecisionStatus;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;
}
