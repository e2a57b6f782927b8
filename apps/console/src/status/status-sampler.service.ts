import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@notify/contracts';
import { consumerGroupLag, kafkaClientFor } from '@notify/messaging';
import type { Admin } from 'kafkajs';
import { ConsoleConfig, UPSTREAM_SERVICES, type UpstreamService } from '../config/console.config';
import { UpstreamClient } from '../upstream/upstream.client';
import { maxOf, parsePrometheusText, sumOf, type MetricSample } from './prometheus-text';
import type { ServiceReading, StatusSample } from './status-sample';

/** Topics each service's consumer group reads (its group is named after it), as granted in kafka-users.yaml. */
const CONSUMED_TOPICS: Record<UpstreamService, readonly string[]> = {
  communities: [Topics.ModerationEvents, Topics.PlatformActivity],
  moderation: [Topics.CommunityEvents, Topics.PlatformActivity],
  preferences: [Topics.PlatformActivity],
  dispatcher: [
    Topics.PlatformActivity,
    Topics.CommunityEvents,
    Topics.ModerationEvents,
    Topics.PreferenceProfiles,
    Topics.EmailFeedback,
  ],
};

/** Reads every service's /metrics and consumer lag now and then, keeping a short window in memory for the charts. */
@Injectable()
export class StatusSampler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('StatusSampler');
  private readonly window: StatusSample[] = [];
  private timer?: NodeJS.Timeout;
  private admin?: Promise<Admin>;

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly config: ConsoleConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.CONSOLE_STATUS_INTERVAL > 0) {
      this.timer = setInterval(
        () => void this.sample().catch(() => undefined),
        this.config.CONSOLE_STATUS_INTERVAL,
      );
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await (await this.admin?.catch(() => undefined))?.disconnect();
  }

  samples(): readonly StatusSample[] {
    return this.window;
  }

  /** Takes one sample now and adds it to the window. */
  async sample(now = new Date()): Promise<StatusSample> {
    const readings = await Promise.all(UPSTREAM_SERVICES.map((service) => this.read(service)));
    const dispatcherMetrics = readings[UPSTREAM_SERVICES.indexOf('dispatcher')].metrics;
    const taken: StatusSample = {
      at: now,
      services: Object.fromEntries(
        UPSTREAM_SERVICES.map((service, i) => [service, readings[i].reading]),
      ) as Record<UpstreamService, ServiceReading>,
      emails: {
        sent: sumOf(dispatcherMetrics, 'dispatcher_emails_total', { outcome: 'sent' }),
        bounces: sumOf(dispatcherMetrics, 'dispatcher_email_bounces_total'),
        complaints: sumOf(dispatcherMetrics, 'dispatcher_email_complaints_total'),
      },
    };
    this.window.push(taken);
    this.window.splice(0, Math.max(0, this.window.length - this.config.CONSOLE_STATUS_SAMPLES));
    return taken;
  }

  private async read(
    service: UpstreamService,
  ): Promise<{ reading: ServiceReading; metrics: MetricSample[] }> {
    const [text, consumerLag] = await Promise.all([
      this.upstream.text(service, '/metrics').catch(() => undefined),
      this.consumerLag(service),
    ]);
    const metrics = text === undefined ? [] : parsePrometheusText(text);
    return {
      metrics,
      reading: {
        reachable: text !== undefined,
        relayLag: maxOf(metrics, 'messaging_relay_lag_seconds'),
        consumerLag,
        deadLettered: sumOf(metrics, 'messaging_dead_lettered_total'),
      },
    };
  }

  private async consumerLag(service: UpstreamService): Promise<number | undefined> {
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    try {
      return await consumerGroupLag(
        await this.connectedAdmin(),
        `${prefix}${service}`,
        CONSUMED_TOPICS[service].map((topic) => `${prefix}${topic}`),
      );
    } catch (error) {
      this.logger.warn(`consumer lag of ${service} unavailable: ${String(error)}`);
      return undefined;
    }
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = kafkaClientFor('console', this.config).admin();
      await admin.connect();
      return admin;
    })();
    this.admin.catch(() => {
      this.admin = undefined;
    });
    return this.admin;
  }
}
