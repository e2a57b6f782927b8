import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ConsoleSession } from '../session/console-session';
import { CurrentSession } from '../session/session.decorators';
import { ViewRenderer } from '../views/view-renderer';
import { TemplateParams } from './dto/template.dto';
import { TemplateSamplesService } from './template-samples.service';

const HTML = 'text/html; charset=utf-8';

@ApiExcludeController()
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly samples: TemplateSamplesService,
    private readonly views: ViewRenderer,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async catalog(@CurrentSession() session: ConsoleSession): Promise<string> {
    const { templates } = await this.samples.catalog();
    return this.views.page('templates', { title: 'Email templates', session, templates });
  }

  @Get(':id/:locale')
  @Header('Content-Type', HTML)
  async rendering(
    @CurrentSession() session: ConsoleSession,
    @Param() { id, locale }: TemplateParams,
  ): Promise<string> {
    const rendering = await this.samples.rendering(id, locale);
    if (!rendering) {
      throw new NotFoundException(`No template ${id} in ${locale}`);
    }
    return this.views.page('template', {
      title: `Template ${id} (${locale})`,
      session,
      ...rendering,
      sampleJson: JSON.stringify(rendering.sampleData, null, 2),
    });
  }
}
