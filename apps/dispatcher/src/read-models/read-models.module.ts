import { Module } from '@nestjs/common';
import { UserErasureRepository } from '../erasure/user-erasure.repository';
import { UserErasure } from '../erasure/user-erasure.service';
import { CommunitiesRepository } from './communities.repository';
import { MembershipsRepository } from './memberships.repository';
import { ProfilesRepository } from './profiles.repository';
import { ReadModelProjector } from './read-model-projector.service';
import { UserMembershipsController } from './user-memberships.controller';

/** The dispatcher's own copies of profiles, communities and memberships. */
@Module({
  controllers: [UserMembershipsController],
  providers: [
    ProfilesRepository,
    CommunitiesRepository,
    MembershipsRepository,
    ReadModelProjector,
    UserErasureRepository,
    UserErasure,
  ],
  exports: [ProfilesRepository, CommunitiesRepository, MembershipsRepository, ReadModelProjector],
})
export class ReadModelsModule {}
