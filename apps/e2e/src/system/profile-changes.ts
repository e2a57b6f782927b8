import {
  decodeCloudEvent,
  type NotificationPreferences,
  type PreferenceProfileData,
} from '@notify/contracts';
import { readTopic, testKafka } from '@notify/testing';

/** One record of the compacted profile topic, in partition order. */
export interface ProfileChange {
  eventId: string;
  userId: string;
  revision: number;
  preferences: NotificationPreferences;
}

/** Every record the profile topic holds right now, decoded; a record published twice appears twice. */
export async function readProfileChanges(brokers: string[], topic: string): Promise<ProfileChange[]> {
  const count = await recordCount(brokers, topic);
  const records = await readTopic(brokers, topic, { count, timeoutMs: 30_000 });
  if (records.length < count) {
    throw new Error(`Read ${records.length} of the ${count} records of ${topic}`);
  }
  return records
    .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))
    .map((record) => {
      const event = decodeCloudEvent(record);
      const data = event.data as PreferenceProfileData;
      return {
        eventId: event.id,
        userId: data.userId,
        revision: data.revision,
        preferences: data.preferences,
      };
    });
}

export function samePreferences(a: NotificationPreferences, b: NotificationPreferences): boolean {
  return (
    a.mentions === b.mentions &&
    a.comments === b.comments &&
    a.privateMessages === b.privateMessages &&
    a.communityActivity === b.communityActivity
  );
}

/** Records between the low and high watermarks of every partition (nothing is compacted away in a test run). */
async function recordCount(brokers: string[], topic: string): Promise<number> {
  const admin = testKafka(brokers, 'notify-e2e-offsets').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** How the profile topic recorded a change every one of `userIds` made to `wanted`. */
export interface ChangeTally {
  /** Users without exactly one change event to `wanted`, or whose latest record is not `wanted`. */
  problems: string[];
  /** Distinct change events to `wanted`. */
  changeEvents: number;
  /** Records carrying an event id already seen: an outbox row published again. */
  redeliveredRecords: number;
}

export function tallyChanges(
  changes: readonly ProfileChange[],
  userIds: readonly string[],
  wanted: NotificationPreferences,
): ChangeTally {
  const tally: ChangeTally = { problems: [], changeEvents: 0, redeliveredRecords: 0 };
  for (const userId of userIds) {
    const records = changes.filter((change) => change.userId === userId);
    const toWanted = new Set(
      records.filter((change) => samePreferences(change.preferences, wanted)).map((change) => change.eventId),
    );
    tally.changeEvents += toWanted.size;
    tally.redeliveredRecords += records.length - new Set(records.map((change) => change.eventId)).size;
    const last = records.at(-1);
    if (toWanted.size !== 1 || !last || !samePreferences(last.preferences, wanted)) {
      tally.problems.push(
        `${userId}: ${toWanted.size} change(s) to the wanted state, last ${JSON.stringify(last)}`,
      );
    }
  }
  return tally;
}
