import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';

const VIEWS_DIR = __dirname;

/** What the layout shows of the signed-in user (a ConsoleSession fits); views know nothing else of sessions. */
export interface PageSession {
  user: { userId: string; roles: readonly string[]; canAct: boolean };
  csrfToken: string;
}

export interface PageModel {
  title: string;
  session?: PageSession;
  [key: string]: unknown;
}

/** Server-rendered pages: each view inside the shared layout, escaped by Handlebars unless `{{{ }}}` is used. */
@Injectable()
export class ViewRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
    for (const file of readdirSync(VIEWS_DIR).filter((name) => name.endsWith('.hbs'))) {
      const name = path.basename(file, '.hbs');
      const template = this.handlebars.compile(readFileSync(path.join(VIEWS_DIR, file), 'utf8'), {
        strict: false,
      });
      if (name.startsWith('_')) {
        this.handlebars.registerPartial(name.slice(1), template);
      } else {
        this.views.set(name, template);
      }
    }
    this.layout = this.views.get('layout')!;
  }

  page(view: string, model: PageModel): string {
    const template = this.views.get(view);
    if (!template) {
      throw new Error(`No view ${view}.hbs`);
    }
    return this.layout({ ...model, body: template(model) });
  }
}
