import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { MetricsService } from './metrics.service';

const UNMATCHED = 'unmatched';

/** Records the latency of every HTTP request by method, route template and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(metrics: MetricsService) {
    this.duration = metrics.histogram('http_request_duration_seconds', 'HTTP request latency', [
      'method',
      'route',
      'status',
    ]);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    // Express exposes this middleware's own catch-all as `request.route` until a handler's route matches.
    const ownRoute: unknown = request.route;
    response.once('finish', () => {
      const route = request.route === ownRoute ? UNMATCHED : routeTemplate(request);
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  }
}

// The template, not the concrete path, keeps label cardinality bounded.
function routeTemplate(request: Request): string {
  const route: unknown = request.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') {
    return `${request.baseUrl}${route.path}`;
  }
  return UNMATCHED;
}
