import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../locales';
import { TEMPLATE_IDS, type TemplateId } from '../../template-id';

export const PREVIEW_PARTS = ['html', 'text'] as const;
export type PreviewPart = (typeof PREVIEW_PARTS)[number];

export class PreviewPageParams {
  @ApiProperty({ enum: TEMPLATE_IDS })
  @IsIn(TEMPLATE_IDS)
  id!: TemplateId;

  @ApiProperty({ enum: SUPPORTED_LOCALES })
  @IsIn(SUPPORTED_LOCALES)
  locale!: SupportedLocale;
}

export class PreviewPageQuery {
  @ApiPropertyOptional({ enum: PREVIEW_PARTS, default: 'html' })
  @IsOptional()
  @IsIn(PREVIEW_PARTS)
  part?: PreviewPart;
}
