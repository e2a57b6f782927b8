import { Module } from '@nestjs/common';
import { TemplateSamplesService } from './template-samples.service';
import { TemplatesController } from './templates.controller';

@Module({ controllers: [TemplatesController], providers: [TemplateSamplesService] })
export class TemplatesModule {}
