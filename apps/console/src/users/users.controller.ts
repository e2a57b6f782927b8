import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession, OperatorOnly } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { LiftSuppressionDto, UserPageQuery, UserParams, UserSearchQuery } from './dto/users.dto';
import { UserActionsService } from './user-actions.service';
import { toUserPage } from './user-page';
import { UserOverviewService } from './user-overview.service';

const HTML = 'text/html; charset=utf-8';

@ApiExcludeController()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UserOverviewService,
    private readonly actions: UserActionsService,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async search(
    @CurrentSession() session: ConsoleSession,
    @Query() { q }: UserSearchQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string | void> {
    const query = q?.trim();
    if (query && !query.includes('@')) {
      response.redirect(303, `/users/${encodeURIComponent(query)}`);
      return;
    }
    const [userIds, suppression] = query
      ? await Promise.all([this.users.usersWithEmail(query), this.users.suppressionOf(query)])
      : [[], undefined];
    if (userIds.length === 1) {
      response.redirect(303, `/users/${encodeURIComponent(userIds[0])}`);
      return;
    }
    return this.views.page('users', {
      title: 'Find a user',
      session,
      q: query,
      userIds,
      suppression,
      searchedEmail: Boolean(query),
    });
  }

  @Get(':userId')
  @Header('Content-Type', HTML)
  async show(
    @CurrentSession() session: ConsoleSession,
    @Param() { userId }: UserParams,
    @Query() { cursor, lifted }: UserPageQuery,
  ): Promise<string> {
    const overview = await this.users.overview(userId, cursor);
    return this.views.page('user', {
      title: `User ${userId}`,
      session,
      lifted: lifted !== undefined,
      ...toUserPage(overview),
    });
  }

  @Post(':userId/suppression/lift')
  @OperatorOnly()
  async liftSuppression(
    @CurrentSession() session: ConsoleSession,
    @Param() { userId }: UserParams,
    @Body() body: LiftSuppressionDto,
    @Res() response: Response,
  ): Promise<void> {
    await this.actions.liftSuppression(session.user, body.email, body.reason);
    response.redirect(303, `/users/${encodeURIComponent(userId)}?lifted=1`);
  }
}
