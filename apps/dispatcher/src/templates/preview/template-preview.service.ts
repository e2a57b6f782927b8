import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { EmailRenderer } from '../email-renderer.service';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../locales';
import { SAMPLE_MODELS } from '../sample-models';
import { TEMPLATE_IDS, type TemplateId } from '../template-id';
import type { PreviewPart } from './dto/preview-page.dto';

export interface SampleCatalog {
  templates: { id: TemplateId; locales: SupportedLocale[] }[];
}

export interface SampleRendering {
  id: TemplateId;
  locale: SupportedLocale;
  sampleData: unknown;
  subject: string;
  html: string;
  text: string;
}

export interface PreviewPage {
  contentType: string;
  body: string;
}

const SAMPLE_UNSUBSCRIBE_URL = 'https://preferences.example.org/unsubscribe/sample-token';
const escape = (text: string): string => Handlebars.Utils.escapeExpression(text);

/** Renders every template with sample data so people can read them in a browser. */
@Injectable()
export class TemplatePreviewService {
  constructor(private readonly renderer: EmailRenderer) {}

  page(id: TemplateId, locale: SupportedLocale, part: PreviewPart): PreviewPage {
    const email = this.sample(id, locale);
    return part === 'text'
      ? { contentType: 'text/plain; charset=utf-8', body: `Subject: ${email.subject}\n\n${email.text}` }
      : { contentType: 'text/html; charset=utf-8', body: email.html };
  }

  index(): string {
    const rows = TEMPLATE_IDS.map((id) => {
      const cells = SUPPORTED_LOCALES.map((locale) => {
        const href = `/templates/preview/${encodeURIComponent(id)}/${locale}`;
        const subject = this.sample(id, locale).subject;
        return `<td><a href="${escape(href)}">${escape(subject)}</a> <a href="${escape(href)}?part=text">(text)</a></td>`;
      });
      return `<tr><th scope="row"><code>${escape(id)}</code></th>${cells.join('')}</tr>`;
    });
    const headings = SUPPORTED_LOCALES.map((locale) => `<th scope="col">${locale}</th>`).join('');
    return [
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Email templates</title>',
      '<style>body{font-family:sans-serif;margin:2em}td,th{padding:.4em .8em;text-align:left;vertical-align:top}</style>',
      '</head><body><h1>Email templates</h1><p>Each template rendered with sample data, per language.</p>',
      `<table><thead><tr><th>Template</th>${headings}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
      '</body></html>',
    ].join('');
  }

  /** Every template id with the locales it is rendered in. */
  catalog(): SampleCatalog {
    return { templates: TEMPLATE_IDS.map((id) => ({ id, locales: [...SUPPORTED_LOCALES] })) };
  }

  /** One template in one locale: its sample data and the subject, HTML and text parts rendered from it. */
  rendering(id: TemplateId, locale: SupportedLocale): SampleRendering {
    const email = this.sample(id, locale);
    return {
      id,
      locale,
      sampleData: SAMPLE_MODELS[id],
      subject: email.subject,
      html: email.html,
      text: email.text,
    };
  }

  private sample(id: TemplateId, locale: SupportedLocale): ReturnType<EmailRenderer['render']> {
    return this.renderer.render(id, locale, SAMPLE_MODELS[id], {
      unsubscribeUrl: SAMPLE_UNSUBSCRIBE_URL,
    });
  }
}
