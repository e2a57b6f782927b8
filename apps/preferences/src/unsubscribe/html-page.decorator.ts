import {
  applyDecorators,
  Catch,
  Header,
  HttpException,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { errorPage } from './unsubscribe-pages';

// The token travels in the URL: keep it out of caches, referrers and search indexes.
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** Renders an HTTP error of a page route as a small HTML page instead of JSON. */
@Catch(HttpException)
export class HtmlErrorPageFilter implements ExceptionFilter<HttpException> {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(exception.getStatus())
      .set(PAGE_HEADERS)
      .send(errorPage(publicMessage(exception)));
  }
}

/** Marks a route that answers a person's browser with HTML. */
export const HtmlPage = (): MethodDecorator =>
  applyDecorators(
    ...Object.entries(PAGE_HEADERS).map(([name, value]) => Header(name, value)),
    UseFilters(HtmlErrorPageFilter),
  );

function publicMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') {
    return body;
  }
  const { message } = body as { message?: unknown };
  return typeof message === 'string' ? message : exception.message;
}
