import { Inject, Injectable, NotFoundException, type CanActivate } from '@nestjs/common';
import { TEMPLATE_SETTINGS, type TemplateSettings } from '../template-settings';

/** The preview pages exist only where TEMPLATE_PREVIEW_ENABLED is on; elsewhere they answer 404 to everyone. */
@Injectable()
export class PreviewEnabledGuard implements CanActivate {
  constructor(@Inject(TEMPLATE_SETTINGS) private readonly settings: TemplateSettings) {}

  canActivate(): boolean {
    if (!this.settings.previewEnabled) {
      throw new NotFoundException();
    }
    return true;
  }
}
