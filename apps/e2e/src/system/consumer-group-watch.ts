import { testKafka } from '@notify/testing';
import type { Admin } from 'kafkajs';

/** What a consumer group looked like while it was watched. */
export interface GroupObservation {
  samples: number;
  /** Samples per group state, e.g. `{ Stable: 40 }`; a rebalance shows as PreparingRebalance or CompletingRebalance. */
  states: Record<string, number>;
  /** Distinct sets of member ids seen; a member that left and rejoined comes back with a new id. */
  memberSets: number;
  failedSamples: number;
}

/**
 * Samples a consumer group's state and members through the admin API. Kafka's DescribeGroups does not report
 * the generation id, so a rebalance is recognised by its states and by members changing.
 */
export class ConsumerGroupWatch {
  private readonly states: Record<string, number> = {};
  private readonly memberSets = new Set<string>();
  private samples = 0;
  private failedSamples = 0;
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;

  private constructor(
    private readonly admin: Admin,
    private readonly groupId: string,
  ) {}

  static async start(brokers: string[], groupId: string, intervalMs = 250): Promise<ConsumerGroupWatch> {
    const admin = testKafka(brokers, 'notify-e2e-group-watch').admin();
    await admin.connect();
    const watch = new ConsumerGroupWatch(admin, groupId);
    await watch.sample();
    watch.timer = setInterval(() => {
      watch.sampling ??= watch.sample().finally(() => (watch.sampling = undefined));
    }, intervalMs);
    return watch;
  }

  async stop(): Promise<GroupObservation> {
    clearInterval(this.timer);
    await this.sampling;
    await this.admin.disconnect();
    return {
      samples: this.samples,
      states: { ...this.states },
      memberSets: this.memberSets.size,
      failedSamples: this.failedSamples,
    };
  }

  private async sample(): Promise<void> {
    try {
      const { groups } = await this.admin.describeGroups([this.groupId]);
      const group = groups.find((candidate) => candidate.groupId === this.groupId);
      const state = group?.state ?? 'Unknown';
      this.states[state] = (this.states[state] ?? 0) + 1;
      this.memberSets.add(
        (group?.members ?? [])
          .map((member) => member.memberId)
          .sort()
          .join(','),
      );
      this.samples += 1;
    } catch {
      this.failedSamples += 1;
    }
  }
}
