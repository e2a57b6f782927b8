import { type INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ErrorRequestHandler } from 'express';
import { STATUS_CODES } from 'node:http';

/** Event-sized bodies only: the largest contract payload stays far below this. */
export const DEFAULT_BODY_LIMIT = '256kb';

/** What body-parser attaches to the errors it raises (see the `http-errors` package). */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
}

/**
 * Parses JSON and form bodies up to `limit` and answers a body that is too large, malformed or in an
 * unsupported encoding with a clean 4xx, logged as a warning: the client is at fault, not the service.
 * Registered before Nest's own parsers, which then stand aside.
 */
export function useRequestBodyParsers(
  app: INestApplication,
  limit: string | number = DEFAULT_BODY_LIMIT,
): void {
  const expressApp = app as NestExpressApplication;
  expressApp.useBodyParser('json', { limit });
  expressApp.useBodyParser('urlencoded', { limit, extended: true });
  expressApp.use(rejectUnreadableBodies(new Logger('RequestBody'), limit));
}

function rejectUnreadableBodies(logger: Logger, limit: string | number): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (!isBodyParserError(error)) {
      next(error);
      return;
    }
    // The parser's message may quote the body and a query may hold a link token: neither reaches the log.
    logger.warn(`${request.method} ${request.path}: ${error.status} ${error.type}`);
    response.status(error.status).json({
      statusCode: error.status,
      message: messageFor(error, limit),
      error: STATUS_CODES[error.status],
    });
  };
}

function messageFor(error: BodyParserError, limit: string | number): string {
  switch (error.type) {
    case 'entity.too.large':
      return `Request body exceeds the limit of ${String(limit)}`;
    case 'entity.parse.failed':
      return 'Request body is malformed';
    default:
      return error.message;
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { status, type, expose } = error as Record<string, unknown>;
  return (
    typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string' && expose === true
  );
}
