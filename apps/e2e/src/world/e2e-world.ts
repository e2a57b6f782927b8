import { randomBytes } from 'node:crypto';
import { TestTokens, waitFor } from '@notify/testing';
import type { Community, Delivery } from '../clients/api-types';
import { expectStatus } from '../clients/http';
import { PlatformClient } from '../clients/platform-client';
import { ServiceApis } from '../clients/service-apis';
import { Mailbox } from '../mail/mailbox';
import { DeliveryLedger } from '../system/delivery-ledger';
import { DispatcherReadModels } from '../system/dispatcher-read-models';
import { InfraFaults } from '../system/infra-faults';
import { startSystem, type RunningSystem, type SystemOptions } from '../system/start-system';
import { People, type Moderator, type Person } from './people';

export interface CommunityOptions {
  label?: string;
  visibility: 'open' | 'restricted';
  moderated: boolean;
  confidential?: boolean;
  moderators: Moderator[];
}

/**
 * One running system and everything a scenario drives it with: the platform's Kafka producer, REST clients with
 * service or user tokens, the SES mailboxes and registered people. Started once per test file.
 */
export class E2eWorld {
  readonly people: People;
  readonly serviceApi: ServiceApis;
  /** The dispatcher's delivery rows, read-only, for counting outcomes. */
  readonly ledger: DeliveryLedger;
  /** Broker and SES emulator faults; whatever they stopped is brought back before the system stops. */
  readonly infraFaults: InfraFaults;
  private readonly tokens: TestTokens;

  private constructor(
    readonly system: RunningSystem,
    readonly platform: PlatformClient,
    readonly readModels: DispatcherReadModels,
  ) {
    const { infra } = system.settings;
    this.ledger = new DeliveryLedger(infra.postgres, system.schemas.dispatcher);
    this.infraFaults = new InfraFaults(infra);
    this.tokens = new TestTokens(system.settings.tokens);
    this.serviceApi = new ServiceApis(
      system.urls,
      memo(() => this.tokens.service()),
    );
    this.people = new People({
      platform,
      serviceApi: this.serviceApi,
      apiAs: (userId) => this.as(userId),
      mailbox: (address) => this.mailbox(address),
      readModels,
    });
  }

  static async start(label: string, options: SystemOptions = {}): Promise<E2eWorld> {
    const system = await startSystem(label, options);
    try {
      const { infra, topicPrefix } = system.settings;
      const platform = await PlatformClient.connect(infra.kafkaBrokers, topicPrefix);
      return new E2eWorld(
        system,
        platform,
        new DispatcherReadModels(infra.postgres, system.schemas.dispatcher),
      );
    } catch (error) {
      await system.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.infraFaults.restore();
    } finally {
      await Promise.allSettled([this.platform.disconnect(), this.readModels.close(), this.ledger.close()]);
      await this.system.stop();
    }
  }

  /** The REST APIs called with the user token of `userId`; `roles` as the identity provider grants them. */
  as(userId: string, roles?: string[]): ServiceApis {
    return new ServiceApis(
      this.system.urls,
      memo(() => this.tokens.user(userId, roles)),
    );
  }

  mailbox(address: string): Mailbox {
    return new Mailbox(this.system.settings.infra.sesEndpoint, address);
  }

  /** Created by the portal backend with its service token: creating a community is a platform action. */
  async createCommunity(options: CommunityOptions): Promise<Community> {
    const community = expectStatus(
      await this.serviceApi.communities.create({
        name: `${options.label ?? 'Community'} ${randomBytes(3).toString('hex')}`,
        visibility: options.visibility,
        moderated: options.moderated,
        confidential: options.confidential ?? false,
        moderators: options.moderators.map((moderator) => moderator.contact),
      }),
      201,
      'POST /communities',
    );
    await this.readModels.waitForCommunity(community.id);
    return community;
  }

  /** Waits until the moderation service lists the item in the moderator's queue (it arrives as an event). */
  async waitUntilPending(moderator: Moderator, communityId: string, itemId: string): Promise<void> {
    await waitFor(
      async () => {
        const answer = await moderator.api.moderation.queue(communityId);
        return answer.status === 200 && answer.body.items.some((item) => item.id === itemId);
      },
      {
        timeoutMs: 20_000,
        intervalMs: 200,
        description: `item ${itemId} in the moderation queue of ${moderator.userId}`,
      },
    );
  }

  /** Polls the person's delivery log (as support would read it) until `accept` holds, and returns it. */
  async waitForDeliveries(
    person: Person,
    accept: (deliveries: Delivery[]) => boolean,
    description: string,
  ): Promise<Delivery[]> {
    let latest: unknown;
    try {
      return await waitFor(
        async () => {
          const answer = await this.serviceApi.dispatcher.deliveries(person.userId);
          latest = answer.body;
          const deliveries = answer.status === 200 ? answer.body.items : undefined;
          return deliveries && accept(deliveries) ? deliveries : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 250, description },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last delivery log: ${JSON.stringify(latest)}`, {
        cause: error,
      });
    }
  }

  /**
   * Wraps a test body so a failure carries what the services logged meanwhile; the full logs stay on disk.
   */
  scenario(body: () => Promise<void>): () => Promise<void> {
    return async () => {
      const marks = this.system.mark();
      try {
        await body();
      } catch (error) {
        throw withReport(error, this.system.report(marks));
      }
    };
  }
}

/** Appends the report to the error jest prints, keeping its class so assertion diffs stay readable. */
function withReport(error: unknown, report: string): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  const original = failure.message;
  failure.message = `${original}\n\n${report}`;
  // V8 may already have formatted the stack with the old message.
  if (failure.stack && !failure.stack.includes(report)) {
    failure.stack = failure.stack.replace(original, failure.message);
  }
  return failure;
}

function memo<T>(produce: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= produce());
}
