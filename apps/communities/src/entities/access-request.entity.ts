import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionStatus } from '../shared/decision';

@Entity('access_requests')
export class AccessRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 200 })
  userId!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: DecisionStatus;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;
}
