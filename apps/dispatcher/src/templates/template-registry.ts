import type { TemplateDelegate } from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isTemplateId, TEMPLATE_IDS, type TemplateId } from './template-id';
import type { OutputFormat } from './template-helpers';

type HandlebarsInstance = typeof import('handlebars');

export interface EmailTemplate {
  subject: TemplateDelegate;
  html: TemplateDelegate;
  text: TemplateDelegate;
}

export class UnknownTemplateError extends Error {
  override readonly name = 'UnknownTemplateError';

  constructor(readonly templateId: string) {
    super(`No email template "${templateId}"`);
  }
}

export class TemplateFileError extends Error {
  override readonly name = 'TemplateFileError';
}

// Helpers outside this list are a compile error, so a typo cannot silently become a data lookup.
const KNOWN_HELPERS = [
  't',
  'link',
  'mailto',
  'httpUrl',
  'date',
  'day',
  'concat',
  'eq',
  'countDigestItems',
] as const;

/**
 * The compiled views under `directory`: `layout.<format>.hbs`, `partials/<name>.<format>.hbs` and
 * `emails/<template id>/{subject,html,text}.hbs`. Every file is read and parsed when loaded.
 */
export class TemplateRegistry {
  private constructor(
    private readonly emails: ReadonlyMap<TemplateId, EmailTemplate>,
    private readonly layouts: Readonly<Record<OutputFormat, TemplateDelegate>>,
    private readonly partialSets: Readonly<Record<OutputFormat, Record<string, TemplateDelegate>>>,
  ) {}

  static load(hb: HandlebarsInstance, directory: string): TemplateRegistry {
    const compile = (file: string, format: OutputFormat): TemplateDelegate => {
      const source = readFileSync(file, 'utf8');
      try {
        const knownHelpers = Object.fromEntries(KNOWN_HELPERS.map((name) => [name, true]));
        return hb.compile(hb.parse(source), {
          noEscape: format === 'text',
          knownHelpers,
          knownHelpersOnly: true,
        });
      } catch (error) {
        throw new TemplateFileError(`${file}: ${(error as Error).message}`);
      }
    };

    const emails = new Map<TemplateId, EmailTemplate>();
    for (const id of TEMPLATE_IDS) {
      const folder = join(directory, 'emails', id);
      emails.set(id, {
        subject: compile(requireFile(join(folder, 'subject.hbs')), 'text'),
        html: compile(requireFile(join(folder, 'html.hbs')), 'html'),
        text: compile(requireFile(join(folder, 'text.hbs')), 'text'),
      });
    }
    const strays = readdirSync(join(directory, 'emails')).filter((name) => !isTemplateId(name));
    if (strays.length > 0) {
      throw new TemplateFileError(`Email template folders without a template id: ${strays.join(', ')}`);
    }

    const partials = (format: OutputFormat): Record<string, TemplateDelegate> => {
      const suffix = `.${format}.hbs`;
      const folder = join(directory, 'partials');
      const files = readdirSync(folder).filter((name) => name.endsWith(suffix));
      return Object.fromEntries(
        files.map((name) => [basename(name, suffix), compile(join(folder, name), format)]),
      );
    };

    return new TemplateRegistry(
      emails,
      {
        html: compile(requireFile(join(directory, 'layout.html.hbs')), 'html'),
        text: compile(requireFile(join(directory, 'layout.text.hbs')), 'text'),
      },
      { html: partials('html'), text: partials('text') },
    );
  }

  email(id: string): EmailTemplate {
    const template = isTemplateId(id) ? this.emails.get(id) : undefined;
    if (template === undefined) {
      throw new UnknownTemplateError(id);
    }
    return template;
  }

  layout(format: OutputFormat): TemplateDelegate {
    return this.layouts[format];
  }

  partials(format: OutputFormat): Record<string, TemplateDelegate> {
    return this.partialSets[format];
  }
}

function requireFile(file: string): string {
  if (!existsSync(file)) {
    throw new TemplateFileError(`Missing template file ${file}`);
  }
  return file;
}
