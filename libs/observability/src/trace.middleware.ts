import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TraceContext } from './trace-context';

export const TRACEPARENT_HEADER = 'traceparent';

/** Continues the caller's W3C trace (or starts one) for the request and echoes the server span in the response. */
@Injectable()
export class TraceMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    TraceContext.run(request.header(TRACEPARENT_HEADER), () => {
      const traceparent = TraceContext.current();
      if (traceparent) {
        response.setHeader(TRACEPARENT_HEADER, traceparent);
      }
      next();
    });
  }
}
