import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TraceContext } from './trace-context';
import { activeTraceparent } from './tracing/span';

export const TRACEPARENT_HEADER = 'traceparent';

/**
 * Continues the caller's W3C trace (or starts one) for the request and echoes the server span in the response.
 * With tracing on, the HTTP instrumentation has already opened that span from the same header.
 */
@Injectable()
export class TraceMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const active = activeTraceparent();
    const run = <T>(fn: () => T): T =>
      active ? TraceContext.runExact(active, fn) : TraceContext.run(request.header(TRACEPARENT_HEADER), fn);
    run(() => {
      const traceparent = TraceContext.current();
      if (traceparent) {
        response.setHeader(TRACEPARENT_HEADER, traceparent);
      }
      next();
    });
  }
}
