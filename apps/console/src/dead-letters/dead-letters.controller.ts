import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession, OperatorOnly } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { DeadLettersService } from './dead-letters.service';
import { DeadLetterPageQuery, ReplayDto, TopicParams } from './dto/dead-letters.dto';

const HTML = 'text/html; charset=utf-8';

@ApiExcludeController()
@Controller('dead-letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  topics(@CurrentSession() session: ConsoleSession): string {
    return this.views.page('dead-letter-topics', {
      title: 'Dead letters',
      session,
      topics: this.deadLetters.topics(),
    });
  }

  @Get(':topic')
  @Header('Content-Type', HTML)
  async list(
    @CurrentSession() session: ConsoleSession,
    @Param() { topic }: TopicParams,
    @Query() { before, after, replayed }: DeadLetterPageQuery,
  ): Promise<string> {
    const page = await this.deadLetters.page(topic, { before, after });
    return this.views.page('dead-letters', {
      title: `Dead letters of ${topic}`,
      session,
      topic,
      ...page,
      replayed: replayed === undefined ? undefined : Number(replayed),
    });
  }

  @Post(':topic/replay')
  @OperatorOnly()
  async replay(
    @CurrentSession() session: ConsoleSession,
    @Param() { topic }: TopicParams,
    @Body() body: ReplayDto,
    @Res() response: Response,
  ): Promise<void> {
    const count = await this.deadLetters.replay(session.user, topic, body.eventIds, body.reason);
    response.redirect(303, `/dead-letters/${encodeURIComponent(topic)}?replayed=${count}`);
  }
}
