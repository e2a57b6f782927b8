import { Body, Controller, Get, Header, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession, OperatorOnly } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { toDeliveryPreviewPage } from './delivery-preview-page';
import {
  DeliveryPreviewParams,
  LiftSuppressionDto,
  UserPageQuery,
  UserParams,
  UserSearchQuery,
} from './dto/users.dto';
import { UserActionsService } from './user-actions.service';
import { toUserPage } from './user-page';
import { UserOverviewService } from './user-overview.service';

const HTML = 'text/html; charset=utf-8';
// The re-rendered email sits in a sandboxed srcdoc frame, which inherits this: no script, nothing loaded but images.
const PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'";

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

  @Get(':userId/deliveries/:deliveryId/preview')
  @Header('Content-Type', HTML)
  @Header('Content-Security-Policy', PREVIEW_CSP)
  async deliveryPreview(
    @CurrentSession() session: ConsoleSession,
    @Param() { userId, deliveryId }: DeliveryPreviewParams,
  ): Promise<string> {
    const preview = await this.users.deliveryPreview(userId, deliveryId);
    if (!preview) {
      throw new NotFoundException(`User ${userId} has no delivery ${deliveryId}`);
    }
    return this.views.page('delivery-preview', {
      title: `Delivery ${deliveryId} of user ${userId}: re-rendered preview`,
      session,
      ...toDeliveryPreviewPage(userId, preview),
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
