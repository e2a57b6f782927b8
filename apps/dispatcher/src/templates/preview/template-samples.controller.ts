import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServiceOnlyGuard } from '@notify/security';
import { PreviewPageParams } from './dto/preview-page.dto';
import { TemplatePreviewService, type SampleCatalog, type SampleRendering } from './template-preview.service';

/** The sample renderings as data, for the support console; platform services only, whatever the preview flag. */
@ApiTags('templates')
@UseGuards(ServiceOnlyGuard)
@Controller('templates/samples')
export class TemplateSamplesController {
  constructor(private readonly preview: TemplatePreviewService) {}

  @Get()
  @ApiOperation({ summary: 'Every template and the locales it is rendered in (platform services only)' })
  @ApiOkResponse({ description: '`{ templates: [{ id, locales[] }] }`' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  catalog(): SampleCatalog {
    return this.preview.catalog();
  }

  @Get(':id/:locale')
  @ApiOperation({
    summary:
      'One template in one locale rendered with its sample data: subject, HTML and text (platform services only)',
  })
  @ApiOkResponse({ description: '`{ id, locale, sampleData, subject, html, text }`' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  rendering(@Param() params: PreviewPageParams): SampleRendering {
    return this.preview.rendering(params.id, params.locale);
  }
}
