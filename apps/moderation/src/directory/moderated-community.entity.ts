import { Column, Entity, PrimaryColumn } from 'typeorm';

/** This service's copy of a community, kept from the communities service's events. */
@Entity('communities')
export class ModeratedCommunity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
