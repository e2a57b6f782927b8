import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import Handlebars from 'handlebars';
import { join } from 'node:path';
import { LanguageFallbacks } from './language-fallbacks';
import { resolveLanguage, SUPPORTED_LOCALES, type SupportedLocale } from './locales';
import { MessageCatalog } from './message-catalog';
import { PortalLinks } from './portal-links';
import { safeHttpUrl } from './safe-url';
import { SAMPLE_MODELS } from './sample-models';
import { toSubjectLine } from './subject-line';
import { TEMPLATE_DEFINITIONS, type TemplateLinks } from './template-definitions';
import { registerTemplateHelpers, type OutputFormat, type RenderData } from './template-helpers';
import { TEMPLATE_IDS, type TemplateId } from './template-id';
import type { TemplateModels } from './template-models';
import { TemplateRegistry } from './template-registry';
import { TEMPLATE_SETTINGS, type TemplateSettings } from './template-settings';

export interface RenderOptions {
  /** Recipient's one-click unsubscribe link, shown in the footer; only for emails the recipient can switch off. */
  unsubscribeUrl?: string;
  /** IANA time zone dates are written in; UTC when absent or unknown. */
  timeZone?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The language the email is written in, for the delivery log. */
  language: SupportedLocale;
}

/** Renders the dispatcher's emails: one structural template per email, localised strings, a shared layout. */
@Injectable()
export class EmailRenderer implements OnModuleInit {
  private readonly registry: TemplateRegistry;
  private readonly portal: PortalLinks;
  private readonly fallbacks: LanguageFallbacks;

  /** `metrics` is absent only where the renderer is built outside the app (specs, tools); fallbacks are then logged only. */
  constructor(
    @Inject(TEMPLATE_SETTINGS) private readonly settings: TemplateSettings,
    @Optional() metrics?: MetricsService,
  ) {
    this.fallbacks = new LanguageFallbacks(metrics);
    // An isolated instance: helpers and partials registered here never leak into other Handlebars users.
    const hb = Handlebars.create();
    registerTemplateHelpers(hb, MessageCatalog.load(join(__dirname, 'messages')));
    this.registry = TemplateRegistry.load(hb, join(__dirname, 'views'));
    this.portal = new PortalLinks(settings.publicBaseUrl);
  }

  /** Renders every template in every language once, so a broken template or catalog stops the start-up. */
  onModuleInit(): void {
    for (const id of TEMPLATE_IDS) {
      for (const locale of SUPPORTED_LOCALES) {
        this.render(id, locale, SAMPLE_MODELS[id]);
      }
    }
  }

  render<T extends TemplateId>(
    id: T,
    locale: string,
    model: TemplateModels[T],
    options: RenderOptions = {},
  ): RenderedEmail {
    const template = this.registry.email(id);
    const language = resolveLanguage(locale);
    if (language.fallback !== undefined) {
      this.fallbacks.record(id, locale, language.fallback, language.locale);
    }
    const context = {
      ...model,
      platformName: this.settings.platformName,
      supportEmail: this.settings.supportEmail,
      links: this.links(id, model, options),
    };
    const data = (format: OutputFormat): RenderData => ({
      locale: language.locale,
      format,
      timeZone: options.timeZone ?? 'UTC',
    });
    const subject = toSubjectLine(template.subject(context, { data: data('text') }));
    const render = (format: OutputFormat): string => {
      const runtime = { data: data(format), partials: this.registry.partials(format) };
      const body = template[format](context, runtime);
      return this.registry.layout(format)({ ...context, subject, body }, runtime);
    };
    return { subject, html: render('html'), text: tidyText(render('text')), language: language.locale };
  }

  private links<T extends TemplateId>(
    id: T,
    model: TemplateModels[T],
    options: RenderOptions,
  ): TemplateLinks {
    const definition = TEMPLATE_DEFINITIONS[id];
    return {
      home: this.portal.home(),
      ...definition.links(model, this.portal),
      notificationSettings: definition.followsPreferences ? this.portal.notificationSettings() : undefined,
      unsubscribe: safeHttpUrl(options.unsubscribeUrl),
    };
  }
}

/** Trailing spaces off every line and at most one blank line in a row, whatever the template's layout. */
function tidyText(text: string): string {
  return `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
