import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MentionCreatedData } from '@notify/contracts';
import { testKafka, waitFor } from '@notify/testing';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { createSesClient } from '../../../src/email/ses-client.provider';
import { toSendEmailInput } from '../../../src/email/ses-message';
import { EmailRenderer } from '../../../src/templates/email-renderer.service';
import { NAIVE_SETTINGS, type NaiveSettings } from './naive-settings';

interface ProfileRow {
  email: string;
  display_name: string;
  locale: string;
  time_zone: string;
}

/**
 * The textbook NestJS Kafka handler: `eachMessage`, one event at a time, read the recipient's profile, render the
 * email, await SES. No inbox, no delivery log, no retries: the baseline the pipeline is compared with.
 */
@Injectable()
export class NaiveMentionHandler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly ses: SESv2Client;
  private readonly renderer: EmailRenderer;
  private readonly consumer: Consumer;
  private handled = 0;

  constructor(@Inject(NAIVE_SETTINGS) private readonly settings: NaiveSettings) {
    this.pool = new Pool({ ...settings.postgres, max: 1, options: `-c search_path=${settings.schema}` });
    this.ses = createSesClient({ ...settings.email, maxConcurrency: 1 });
    this.renderer = new EmailRenderer(settings.templates);
    const kafka = testKafka(settings.brokers, 'naive-bench');
    this.consumer = kafka.consumer({ groupId: settings.groupId, maxWaitTimeInMs: 100 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.settings.topic, fromBeginning: true });
    await this.consumer.run({ eachMessage: ({ message }) => this.handle(message) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect();
    await this.pool.end();
    this.ses.destroy();
  }

  /** Resolves once `count` events in total have been handled. */
  async handledAtLeast(count: number, timeoutMs: number): Promise<void> {
    await waitFor(() => this.handled >= count, {
      timeoutMs,
      intervalMs: 20,
      description: `${count} events handled by the naive service`,
    });
  }

  private async handle(message: KafkaMessage): Promise<void> {
    const data = JSON.parse(message.value?.toString('utf8') ?? '{}') as MentionCreatedData;
    const { rows } = await this.pool.query<ProfileRow>(
      'SELECT email, display_name, locale, time_zone FROM profiles WHERE user_id = $1',
      [data.recipientUserId],
    );
    const profile = rows[0];
    if (profile) {
      const rendered = this.renderer.render(
        'activity.mention',
        profile.locale,
        {
          recipientName: profile.display_name,
          actorName: data.actor.displayName,
          title: data.content.title,
          url: data.content.url,
          excerpt: data.excerpt,
        },
        { timeZone: profile.time_zone },
      );
      const input = toSendEmailInput(
        { to: profile.email, ...rendered, notificationId: data.mentionId },
        this.settings.email,
      );
      await this.ses.send(new SendEmailCommand(input));
    }
    this.handled += 1;
  }
}
