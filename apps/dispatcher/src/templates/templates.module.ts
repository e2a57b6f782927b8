import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { EmailRenderer } from './email-renderer.service';
import { PreviewEnabledGuard } from './preview/preview-enabled.guard';
import { TemplatePreviewController } from './preview/template-preview.controller';
import { TemplatePreviewService } from './preview/template-preview.service';
import { TemplateSamplesController } from './preview/template-samples.controller';
import { TEMPLATE_SETTINGS, type TemplateSettings } from './template-settings';

export interface TemplatesModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => TemplateSettings | Promise<TemplateSettings>;
}

/** Email rendering (`EmailRenderer`), the template preview pages and the service-only sample renderings. */
@Module({})
export class TemplatesModule {
  static registerAsync(options: TemplatesModuleOptions): DynamicModule {
    return {
      module: TemplatesModule,
      imports: options.imports ?? [],
      controllers: [TemplatePreviewController, TemplateSamplesController],
      providers: [
        { provide: TEMPLATE_SETTINGS, useFactory: options.useFactory, inject: options.inject ?? [] },
        EmailRenderer,
        TemplatePreviewService,
        PreviewEnabledGuard,
      ],
      exports: [EmailRenderer],
    };
  }
}
