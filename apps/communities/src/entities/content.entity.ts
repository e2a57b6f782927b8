import type { PublicationRoute } from '@notify/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('contents')
export class Content {
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

  @Column({ name: 'published_via', type: 'varchar', length: 32 })
  publishedVia!: PublicationRoute;

  @Column({ name: 'submission_id', type: 'uuid', nullable: true })
  submissionId!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
