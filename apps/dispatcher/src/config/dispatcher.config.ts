import {
  BaseServiceConfig,
  CommaSeparated,
  type ConfigProblem,
  Duration,
  Flag,
  HttpUrl,
  OneOf,
  Required,
  SigningKeyList,
} from '@notify/config';
import type { LinkSigningKey } from '@notify/security';
import { TOPIC_DECLARATIONS, Topics } from '@notify/contracts';
import {
  IsArray,
  IsEmail,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { WEEKDAYS, type DigestSchedule, type Weekday } from '../policy/digest-timing';
import { MAX_BULK_SIZE } from '../email/ses-calls';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const AWS_REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * The only place the dispatcher reads its environment; defaults suit a local run. Every field has an explicit type:
 * the decorator metadata that converts environment strings is emitted from it.
 */
export class DispatcherConfig extends BaseServiceConfig {
  override PORT: number = 3004;
  override DB_SCHEMA: string = 'dispatcher';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'may contain only letters, digits, ".", "_" and "-"' })
  KAFKA_GROUP_ID: string = 'dispatcher';

  /** Consumer transactions, sender lanes and digest runs share the pool. */
  override DB_POOL_SIZE: number = 20;

  /** Every event of the platform's activity it reads is on an email's way: read as records arrive. */
  override KAFKA_ACTIVITY_READ_INTERVAL: number = 0;

  /**
   * Partition batches of one fetch handled at the same time (each partition stays in order). kafkajs fetches again
   * only once every batch of the last fetch is done, so a batch beyond this number waits for a whole round of the
   * others. The batches handled together share their transactions, so this bounds neither connections nor commits:
   * at least the partitions one replica reads (33 of the declared topics on a single replica).
   */
  @IsInt()
  @Min(1)
  @Max(256)
  KAFKA_PARTITIONS_CONCURRENCY: number = 64;

  /** Consecutive records of a partition handled in one transaction (their deliveries are planned together). */
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_CHUNK_SIZE: number = 200;

  /**
   * Partitions of the ingress topic when the dispatcher creates it: the most consumers (replicas x
   * KAFKA_PARTITIONS_CONCURRENCY) that can share its load. An existing topic keeps its partitions.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_INGRESS_PARTITIONS: number = TOPIC_DECLARATIONS[Topics.PlatformActivity].partitions;

  // Emails and links

  @IsString()
  @MinLength(1)
  PLATFORM_NAME: string = 'Public Buyers Community';

  @IsEmail({}, { message: 'must be an email address' })
  SUPPORT_EMAIL: string = 'support@example.org';

  @IsString()
  @MinLength(3)
  EMAIL_FROM: string = 'Public Buyers Community <notifications@example.org>';

  /** The portal: links in emails point there. */
  @HttpUrl()
  PUBLIC_BASE_URL: string = 'http://localhost:8080';

  /** Public URL of the preferences service, which serves the signed one-click unsubscribe endpoint. */
  @HttpUrl()
  UNSUBSCRIBE_BASE_URL: string = 'http://127.0.0.1:3003';

  /** `kid:secret,kid:secret`, the same list the preferences service verifies with; the first key signs. */
  @Required()
  @SigningKeyList()
  UNSUBSCRIBE_SIGNING_KEYS!: LinkSigningKey[];

  @Duration()
  UNSUBSCRIBE_LINK_TTL: number = 60 * DAY;

  // SES

  /** Region of SES; unset, the SDK's own `AWS_REGION`, else eu-west-1. */
  @IsOptional()
  @Matches(AWS_REGION_NAME, { message: 'must be an AWS region name such as eu-west-1' })
  SES_REGION?: string;

  @IsOptional()
  @Matches(AWS_REGION_NAME, { message: 'must be an AWS region name such as eu-west-1' })
  AWS_REGION?: string;

  /** Unset in production: the SDK resolves the regional AWS endpoint. Local start and tests set the emulator. */
  @IsOptional()
  @HttpUrl()
  SES_ENDPOINT?: string;

  /** ARN of the verified identity that authorises `EMAIL_FROM` (FromEmailAddressIdentityArn). */
  @IsOptional()
  @Matches(/^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/\S+$/, { message: 'must be an SES identity ARN' })
  SES_FROM_IDENTITY_ARN?: string;

  /** Emails per second; unset, the account's quota (SES GetAccount) applies. */
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  SES_MAX_SEND_RATE?: number;

  /**
   * SES calls in flight at once per replica. With SES_BULK_SIZE it also bounds the emails a hard crash of the replica
   * can send twice: SES may accept those calls after the process died, before their rows say `sent`.
   */
  @IsInt()
  @Min(1)
  @Max(512)
  SES_MAX_CONCURRENCY: number = 8;

  /**
   * Most emails in one SES call. An email that finds a call free goes out alone (SendEmail); emails that wait for one
   * leave together in a SendBulkEmail, each with its own recipient, content, headers and tags. 1 sends one at a time.
   */
  @IsInt()
  @Min(1)
  @Max(MAX_BULK_SIZE)
  SES_BULK_SIZE: number = 25;

  /** Tries of one SendEmail call for throttling, 5xx and network failures, before the delivery is retried later. */
  @IsInt()
  @Min(1)
  @Max(10)
  SES_MAX_ATTEMPTS: number = 3;

  @Duration()
  SES_RETRY_BASE_DELAY: number = 100;

  @Duration()
  SES_RETRY_MAX_DELAY: number = 5 * SECOND;

  /** How long sending stays paused after SES reports the account paused or suspended. */
  @Duration()
  SES_PAUSE_COOLDOWN: number = MINUTE;

  /** Longest one SES call may take, connection included; a late call fails as a (retried) timeout. */
  @Duration()
  @Min(100)
  SES_REQUEST_TIMEOUT: number = 10 * SECOND;

  /** Longest the TCP and TLS connection to SES may take; within SES_REQUEST_TIMEOUT. */
  @Duration()
  @Min(100)
  SES_CONNECT_TIMEOUT: number = 3 * SECOND;

  /** Configuration set whose event destinations publish bounces and complaints. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SES_CONFIGURATION_SET?: string;

  // SES event notifications over SNS (POST /ses/events)

  /** SNS topics the configuration set publishes to; messages of any other topic are refused. Empty: all refused. */
  @CommaSeparated()
  @IsArray()
  @Matches(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, {
    each: true,
    message: 'must be SNS topic ARNs',
  })
  SES_EVENTS_TOPIC_ARNS: string[] = [];

  /** Hosts (`*` stands for one DNS label, `host:port` for another port) that may serve SNS certificates over https. */
  @CommaSeparated()
  @IsArray()
  @Matches(/^[A-Za-z0-9*.-]+(:\d{1,5})?$/, { each: true, message: 'must be host patterns' })
  SNS_CERTIFICATE_HOSTS: string[] = ['sns.*.amazonaws.com'];

  /** PEM file of an extra certificate authority trusted for those hosts (a private CA); unset in production. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SNS_CA_FILE?: string;

  /** SNS messages older than this (by their Timestamp) are refused, and their ids are forgotten after it. */
  @Duration()
  @Min(MINUTE)
  SNS_MAX_MESSAGE_AGE: number = 60 * MINUTE;

  /** Serves GET /templates/preview without authentication; never in production. */
  @Flag()
  TEMPLATE_PREVIEW_ENABLED: boolean = false;

  // Immediate sending

  /** Sending can be turned off on a replica that should only consume events and build digests. */
  @Flag()
  SENDER_ENABLED: boolean = true;

  /** Deliveries one sender lane claims at a time. */
  @IsInt()
  @Min(1)
  @Max(1000)
  SENDER_BATCH_SIZE: number = 25;

  /** Sender lanes per replica, each claiming its own batch. */
  @IsInt()
  @Min(1)
  @Max(64)
  SENDER_CONCURRENCY: number = 4;

  /**
   * Longest wait for new deliveries when no database notification arrives: new deliveries NOTIFY, so the poll finds
   * retries that came due (SENDER_RETRY_DELAY and up) and claims taken back from a lost replica.
   */
  @Duration()
  SENDER_POLL_INTERVAL: number = 5 * SECOND;

  /** Tries of one email before it is marked failed. */
  @IsInt()
  @Min(1)
  @Max(100)
  SENDER_MAX_ATTEMPTS: number = 8;

  /** First wait before retrying an email that failed transiently; doubles per attempt. */
  @Duration()
  SENDER_RETRY_DELAY: number = 30 * SECOND;

  /** A claim older than this is taken back even from a live replica (a stuck lane): the delivery is sent again. */
  @Duration()
  @Min(SECOND)
  CLAIM_TIMEOUT: number = 2 * MINUTE;

  /** How long a replica's lease lives without renewal; a lost replica's claims are taken over once it expires. */
  @Duration()
  @Min(SECOND)
  REPLICA_LEASE_TTL: number = 8 * SECOND;

  /** How often a replica renews its lease and takes over the claims of lost replicas; well under the TTL. */
  @Duration()
  @Min(100)
  REPLICA_LEASE_RENEW_INTERVAL: number = 2 * SECOND;

  /**
   * Members inserted per statement (and per transaction) when notifying a whole community. The first page is
   * planned with the event; a larger community is continued by the fan-out worker, one page per transaction.
   */
  @IsInt()
  @Min(100)
  @Max(100_000)
  FANOUT_PAGE_SIZE: number = 10_000;

  /** How often the fan-out worker looks for unfinished jobs when no notification woke it. */
  @Duration()
  @Min(100)
  FANOUT_POLL_INTERVAL: number = 5 * SECOND;

  // Digests

  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR: number = 8;

  @OneOf(WEEKDAYS)
  DIGEST_WEEKDAY: Weekday = 'monday';

  /** How often this replica looks for due digests; 0 turns the ticker off (`POST /digests/run` still works). */
  @Duration()
  DIGEST_TICK_INTERVAL: number = 5 * MINUTE;

  /** Users whose digests are opened by one statement. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  DIGEST_USER_BATCH_SIZE: number = 1000;

  /**
   * Alerts that ask one moderator to act, sent individually per clock hour; the rest of that hour's alerts go out
   * together in one summary email when the hour ends. 0 lifts the cap.
   */
  @IsInt()
  @Min(0)
  @Max(10_000)
  MODERATOR_ALERTS_PER_HOUR: number = 20;

  /** Items in one digest email; older ones first, the rest wait for the next digest. */
  @IsInt()
  @Min(1)
  @Max(5000)
  DIGEST_MAX_ITEMS: number = 200;

  // Retention

  /** Finished deliveries and digests older than this are deleted. */
  @Duration()
  @Min(DAY)
  RETENTION_DELIVERY_LOG: number = 180 * DAY;

  /** Stored event payloads older than this are emptied (the event's source, id and type stay for the log). */
  @Duration()
  @Min(DAY)
  RETENTION_EVENT_PAYLOADS: number = 30 * DAY;

  /** How often the retention job runs on each replica; 0 turns it off. */
  @Duration()
  RETENTION_INTERVAL: number = 60 * MINUTE;

  /** Rows one retention statement touches at most (one short transaction each). */
  @IsInt()
  @Min(100)
  @Max(100_000)
  RETENTION_BATCH_SIZE: number = 5000;

  override configurationProblems(): ConfigProblem[] {
    const problems = super.configurationProblems();
    if (this.SES_CONNECT_TIMEOUT > this.SES_REQUEST_TIMEOUT) {
      problems.push({
        variable: 'SES_CONNECT_TIMEOUT',
        reason: 'must not be longer than SES_REQUEST_TIMEOUT',
      });
    }
    return problems;
  }

  get sesRegion(): string {
    return this.SES_REGION ?? this.AWS_REGION ?? 'eu-west-1';
  }

  get digestSchedule(): DigestSchedule {
    return { hour: this.DIGEST_HOUR, weekday: this.DIGEST_WEEKDAY };
  }
}
