import { Module } from '@nestjs/common';
import { CommunitiesController } from './communities.controller';
import { CommunityOverviewService } from './community-overview.service';

@Module({ controllers: [CommunitiesController], providers: [CommunityOverviewService] })
export class CommunitiesModule {}
