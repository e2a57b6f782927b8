import { Injectable } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import type { Counter, Histogram } from 'prom-client';

/** The dispatcher's delivery metrics; a crash inside the completion window is the only source of duplicate emails. */
@Injectable()
export class DeliveryMetrics {
  readonly outcomes: Counter<'outcome' | 'category'>;
  /** Event time to SES acceptance of immediate emails. */
  readonly eventToSend: Histogram;
  /** SES acceptance to the delivery row being marked sent: a crash inside this window sends twice. */
  readonly completionWindow: Histogram;

  constructor(metrics: MetricsService) {
    this.outcomes = metrics.counter('dispatcher_deliveries_total', 'Delivery outcomes by category', [
      'outcome',
      'category',
    ]);
    this.eventToSend = metrics.histogram(
      'dispatcher_event_to_send_seconds',
      'Time from the event to SES accepting its immediate email',
    );
    this.completionWindow = metrics.histogram(
      'dispatcher_send_completion_seconds',
      'Time from SES accepting an email to its delivery being recorded as sent (the duplicate window)',
      [],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    );
  }
}
