import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession, OperatorOnly } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { ParkedRowParams, RetryDto } from './dto/outbox.dto';
import { ParkedOutboxService } from './parked-outbox.service';

@ApiExcludeController()
@Controller('outbox')
export class OutboxController {
  constructor(
    private readonly outbox: ParkedOutboxService,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async parked(@CurrentSession() session: ConsoleSession): Promise<string> {
    const services = await this.outbox.everyService();
    return this.views.page('outbox', { title: 'Parked outbox rows', session, services });
  }

  @Post(':service/:id/retry')
  @OperatorOnly()
  async retry(
    @CurrentSession() session: ConsoleSession,
    @Param() { service, id }: ParkedRowParams,
    @Body() body: RetryDto,
    @Res() response: Response,
  ): Promise<void> {
    await this.outbox.retry(session.user, service, id, body.reason);
    response.redirect(303, '/outbox');
  }
}
