import { Controller, Get, Header, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@notify/security';
import type { Response } from 'express';
import { PreviewPageParams, PreviewPageQuery } from './dto/preview-page.dto';
import { PreviewEnabledGuard } from './preview-enabled.guard';
import { TemplatePreviewService } from './template-preview.service';

// Inline styles are all an email has; nothing else may load or run inside a preview.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:";

/**
 * Sample renderings for people to read. Public because they show only built-in sample data, and
 * served only when TEMPLATE_PREVIEW_ENABLED is on (404 otherwise, documented off in production).
 */
@ApiTags('templates')
@Public()
@UseGuards(PreviewEnabledGuard)
@Controller('templates/preview')
export class TemplatePreviewController {
  constructor(private readonly preview: TemplatePreviewService) {}

  @Get()
  @ApiOperation({ summary: 'Index of every email template in every language' })
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  index(): string {
    return this.preview.index();
  }

  @Get(':id/:locale')
  @ApiOperation({
    summary: 'One template rendered with sample data (HTML part, or text part with ?part=text)',
  })
  @ApiProduces('text/html', 'text/plain')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  page(
    @Param() params: PreviewPageParams,
    @Query() query: PreviewPageQuery,
    @Res({ passthrough: true }) response: Response,
  ): string {
    const page = this.preview.page(params.id, params.locale, query.part ?? 'html');
    response.setHeader('Content-Type', page.contentType);
    return page.body;
  }
}
