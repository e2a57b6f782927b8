import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { statusPage } from './status-page';
import { StatusSampler } from './status-sampler.service';

@ApiExcludeController()
@Controller('status')
export class StatusController {
  constructor(
    private readonly sampler: StatusSampler,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async status(@CurrentSession() session: ConsoleSession): Promise<string> {
    await this.sampler.sample();
    return this.views.page('status', {
      title: 'System status',
      session,
      ...statusPage(this.sampler.samples()),
    });
  }
}
