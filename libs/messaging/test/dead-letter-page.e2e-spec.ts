import { DeadLetterHeaders, encodeBinary, EventTypes, Topics } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import { DeadLetterTool, type DeadLetterToolOutput } from '../src';
import {
  adminSecurity,
  createTopics,
  deleteTopicsWithPrefix,
  produce,
  testInfra,
  uniqueSuffix,
} from './support/infra';

const suffix = uniqueSuffix();
const prefix = `t-dlq-page-${suffix}.`;
const deadLetterTopic = `${prefix}${Topics.PlatformActivity}.dlq`;
const LETTERS = 23;

const quiet: DeadLetterToolOutput = {
  line: () => undefined,
  progress: () => undefined,
  audit: () => undefined,
};

describe('dead-letter pages on the broker', () => {
  let tool: DeadLetterTool;

  beforeAll(async () => {
    await createTopics([`${prefix}${Topics.PlatformActivity}`], 3);
    const start = Date.UTC(2026, 0, 1);
    await produce(
      deadLetterTopic,
      Array.from({ length: LETTERS }, (_, i) => {
        const event = sampleCloudEvent(EventTypes.UserUpserted, { id: `evt-${suffix}-${i}` });
        const { key, headers, value } = encodeBinary(event, `user-${i % 5}`);
        return {
          key,
          value,
          headers: {
            ...headers,
            [DeadLetterHeaders.Reason]: 'handler-failed',
            [DeadLetterHeaders.FailedAt]: new Date(start + i * 60_000).toISOString(),
          },
        };
      }),
    );
    tool = DeadLetterTool.fromSettings(
      { KAFKA_BROKERS: testInfra().brokers, KAFKA_TOPIC_PREFIX: prefix, kafkaSecurity: adminSecurity() },
      quiet,
    );
  });

  afterAll(async () => {
    await deleteTopicsWithPrefix(prefix);
  });

  it('walks every dead letter once, newest first, page by page towards older and back towards newer', async () => {
    const seen: string[] = [];
    const olderBounds = [];
    let page = await tool.page(Topics.PlatformActivity, { size: 10 });
    expect(page.newer).toBeUndefined();
    for (;;) {
      expect(page.entries.length).toBeLessThanOrEqual(10);
      seen.push(...page.entries.map((entry) => entry.eventId!));
      if (!page.older) {
        break;
      }
      olderBounds.push(page.older);
      page = await tool.page(Topics.PlatformActivity, { size: 10, before: page.older });
    }
    const newestFirst = Array.from({ length: LETTERS }, (_, i) => `evt-${suffix}-${LETTERS - 1 - i}`);
    expect(seen).toEqual(newestFirst);
    expect(olderBounds).toHaveLength(2);

    const back = await tool.page(Topics.PlatformActivity, { size: 10, after: page.newer! });
    expect(back.entries.map((entry) => entry.eventId)).toEqual(newestFirst.slice(10, 20));
  });
});
