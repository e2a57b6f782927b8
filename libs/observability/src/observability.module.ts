import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { METRICS_REGISTRY, OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';
import { LivenessRegistry, ReadinessRegistry } from './readiness.registry';
import { TraceMiddleware } from './trace.middleware';

const EVENT_LOOP_SAMPLE_MS = 1000;

/** Health, readiness and metrics endpoints plus request tracing; `MetricsService` and the health registries are global. */
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        // One registry per application instance, so several apps can live in one test process.
        { provide: METRICS_REGISTRY, useFactory: () => createRegistry(options.service) },
        MetricsService,
        ReadinessRegistry,
        LivenessRegistry,
        TraceMiddleware,
        HttpMetricsMiddleware,
      ],
      exports: [MetricsService, ReadinessRegistry, LivenessRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TraceMiddleware, HttpMetricsMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The event-loop delay histogram samples on a timer, which wakes an idle service at every sample: 10 ms (the
  // default) is 100 wake-ups a second. At one a second it still sees a loop that stays blocked; how busy the loop is
  // comes from the utilization gauge below, which needs no timer at all.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  registerEventLoopUtilization(registry);
  return registry;
}

/** Share of wall time the event loop spent running callbacks since the previous scrape, read when scraped. */
function registerEventLoopUtilization(registry: Registry): void {
  let previous = performance.eventLoopUtilization();
  new Gauge({
    name: 'nodejs_eventloop_utilization_ratio',
    help: 'Share of time the event loop was busy since the previous scrape (0 to 1)',
    registers: [registry],
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, previous).utilization);
      previous = now;
    },
  });
}
