import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import { METRICS_REGISTRY } from './observability-options';

type MetricClass<M> = new (...args: never[]) => M;

/** Get-or-create access to this application's Prometheus metrics, by name. */
@Injectable()
export class MetricsService {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return (
      this.existing(name, Counter<L>) ??
      new Counter<L>({ name, help, labelNames, registers: [this.registry] })
    );
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return (
      this.existing(name, Gauge<L>) ?? new Gauge<L>({ name, help, labelNames, registers: [this.registry] })
    );
  }

  /** `buckets` in seconds; defaults suit request and handler latencies. */
  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets: number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ): Histogram<L> {
    return (
      this.existing(name, Histogram<L>) ??
      new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] })
    );
  }

  /** Exposition text for a scrape. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private existing<M>(name: string, kind: MetricClass<M>): M | undefined {
    const metric: Metric | undefined = this.registry.getSingleMetric(name);
    if (metric === undefined) {
      return undefined;
    }
    if (!(metric instanceof kind)) {
      throw new Error(`Metric ${name} is already registered with another type`);
    }
    return metric;
  }
}
