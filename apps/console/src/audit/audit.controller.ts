import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConsoleConfig } from '../config/console.config';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { AuditService } from './audit.service';

@ApiExcludeController()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly views: ViewRenderer,
    private readonly config: ConsoleConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@CurrentSession() session: ConsoleSession): Promise<string> {
    const entries = await this.audit.latest(this.config.CONSOLE_PAGE_SIZE);
    return this.views.page('audit', {
      title: 'Audit log',
      session,
      entries: entries.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
    });
  }
}
