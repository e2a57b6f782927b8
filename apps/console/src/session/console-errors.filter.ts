import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { UpstreamError } from '../upstream/upstream.client';
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
    const { status, message } = describeError(error);
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

/** A service's refusal (4xx) is shown as it is; its failure or absence is a 502; anything else a 500. */
function describeError(error: unknown): { status: number; message: string } {
  if (error instanceof HttpException) {
    return { status: error.getStatus(), message: messageOf(error) };
  }
  if (error instanceof UpstreamError) {
    const refused = error.status >= 400 && error.status < 500;
    return {
      status: refused ? error.status : HttpStatus.BAD_GATEWAY,
      message: `The ${error.service} service ${refused ? 'refused' : 'failed'} (${error.status}): ${error.body.slice(0, 300)}`,
    };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'The console could not answer this request.' };
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
