import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { CommunityOverviewService } from './community-overview.service';
import { CommunityParams, CommunitySearchQuery } from './dto/community.dto';

const HTML = 'text/html; charset=utf-8';

@ApiExcludeController()
@Controller('communities')
export class CommunitiesController {
  constructor(
    private readonly communities: CommunityOverviewService,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  search(
    @CurrentSession() session: ConsoleSession,
    @Query() { id }: CommunitySearchQuery,
    @Res({ passthrough: true }) response: Response,
  ): string | void {
    if (id?.trim()) {
      response.redirect(303, `/communities/${encodeURIComponent(id.trim())}`);
      return;
    }
    return this.views.page('communities', { title: 'Find a community', session });
  }

  @Get(':communityId')
  @Header('Content-Type', HTML)
  async show(
    @CurrentSession() session: ConsoleSession,
    @Param() { communityId }: CommunityParams,
  ): Promise<string> {
    const overview = await this.communities.overview(communityId);
    const title = overview.community ? `Community ${overview.community.name}` : `Community ${communityId}`;
    return this.views.page('community', { title, session, ...overview });
  }
}
