import type { DeadLetterReason } from '@notify/contracts';
import type { MetricsService } from '@notify/observability';
import type { Counter, Gauge } from 'prom-client';
import { MessagingMetrics } from './messaging-metrics';

/** Messaging counters in the application's Prometheus registry. */
export class PrometheusMessagingMetrics extends MessagingMetrics {
  private readonly consumedTotal: Counter<'topic' | 'type'>;
  private readonly duplicatesTotal: Counter<'topic' | 'type'>;
  private readonly ignoredTotal: Counter<'topic' | 'type'>;
  private readonly retriesTotal: Counter<'topic' | 'type'>;
  private readonly deadLetteredTotal: Counter<'topic' | 'reason'>;
  private readonly publishedTotal: Counter<'topic'>;
  private readonly relayLagSeconds: Gauge;
  private readonly parkedRowsGauge: Gauge<'topic'>;

  constructor(metrics: MetricsService) {
    super();
    const byType = ['topic', 'type'] as const;
    this.consumedTotal = metrics.counter('messaging_consumed_total', 'Kafka records consumed', byType);
    this.duplicatesTotal = metrics.counter(
      'messaging_duplicates_total',
      'Redelivered events skipped',
      byType,
    );
    this.ignoredTotal = metrics.counter(
      'messaging_ignored_total',
      'Events of types this service ignores',
      byType,
    );
    this.retriesTotal = metrics.counter('messaging_handler_retries_total', 'Handler retries', byType);
    this.deadLetteredTotal = metrics.counter(
      'messaging_dead_lettered_total',
      'Records sent to a dead-letter topic',
      ['topic', 'reason'],
    );
    this.publishedTotal = metrics.counter('messaging_published_total', 'Outbox events published', ['topic']);
    this.relayLagSeconds = metrics.gauge(
      'messaging_relay_lag_seconds',
      'Age of the oldest unpublished outbox event',
    );
    this.parkedRowsGauge = metrics.gauge(
      'messaging_outbox_parked_rows',
      'Outbox rows and dead-letter copies parked because Kafka cannot take them',
      ['topic'],
    );
  }

  consumed(topic: string, type: string): void {
    this.consumedTotal.inc({ topic, type });
  }

  duplicate(topic: string, type: string): void {
    this.duplicatesTotal.inc({ topic, type });
  }

  ignored(topic: string, type: string): void {
    this.ignoredTotal.inc({ topic, type });
  }

  retried(topic: string, type: string): void {
    this.retriesTotal.inc({ topic, type });
  }

  deadLettered(topic: string, reason: DeadLetterReason): void {
    this.deadLetteredTotal.inc({ topic, reason });
  }

  published(topic: string, count: number): void {
    this.publishedTotal.inc({ topic }, count);
  }

  relayLag(seconds: number): void {
    this.relayLagSeconds.set(seconds);
  }

  parkedRows(counts: ReadonlyMap<string, number>): void {
    // Reset first: a topic whose rows were all retried must drop to nothing, not keep its last count.
    this.parkedRowsGauge.reset();
    for (const [topic, count] of counts) {
      this.parkedRowsGauge.set({ topic }, count);
    }
  }
}
