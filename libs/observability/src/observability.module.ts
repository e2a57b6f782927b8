import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { METRICS_REGISTRY, OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';
import { LivenessRegistry, ReadinessRegistry } from './readiness.registry';
import { TraceMiddleware } from './trace.middleware';

const EVENT_LOOP_SAMPLE_MS = 100;

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
  // The event-loop delay histogram samples on a timer; 10 ms (the default) alone wakes an idle service 100 times a
  // second, while lags worth reporting are tens of milliseconds long.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  return registry;
}
