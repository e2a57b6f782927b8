import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { ViewRenderer } from '../views/view-renderer';
import { SignInRequiredError, type ConsoleRequest } from './console-session';

/** Missing or expired session: back to sign-in. Any other error: an HTML page with its status. */
@Catch()
export class ConsoleErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(private readonly views: ViewRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<ConsoleRequest>();
    if (error instanceof SignInRequiredError) {
      response.redirect(303, `/sign-in?returnTo=${encodeURIComponent(error.returnTo)}`);
      return;
    }
    const status = error instanceof HttpException ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const message =
      error instanceof HttpException ? messageOf(error) : 'The console could not answer this request.';
    if (status >= 500) {
      this.logger.error(`${request.method} ${request.path}: ${String(error)}`);
    }
    response
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        this.views.page('error', {
          title: `Error ${status}`,
          status,
          message,
          session: request.consoleSession,
        }),
      );
  }
}

function messageOf(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') {
    return body;
  }
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return message.join('; ');
  }
  return typeof message === 'string' ? message : error.message;
}
