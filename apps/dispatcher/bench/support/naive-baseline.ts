import { encodeBinary, eventKey, type PreferenceProfileData } from '@notify/contracts';
import { createTestSchema, createTopics, getTestInfra, produceMessages } from '@notify/testing';
import { Client } from 'pg';
import type { EmailSettings } from '../../src/email/email-settings';
import type { TemplateSettings } from '../../src/templates/template-settings';
import { NaiveMentionHandler } from './naive/naive-mention.handler';
import { startNaiveService } from './naive/naive.module';
import { mentionsOf } from './pipeline-load';
import { throughput, type Throughput } from './throughput';

export interface NaiveRun {
  prefix: string;
  partitions: number;
  profiles: readonly PreferenceProfileData[];
  communityId: string;
  email: EmailSettings;
  templates: TemplateSettings;
}

/** Boots the naive service on its own topic and schema, warms it up, then times `count` mention events. */
export async function measureNaive(run: NaiveRun, count: number, warmUp: number): Promise<Throughput> {
  const infra = await getTestInfra();
  const schema = await createTestSchema('bench_naive');
  const topic = `${run.prefix}bench.naive-mentions`;
  await createTopics(infra.kafkaBrokers, [topic], { partitions: run.partitions });
  await seedProfiles(schema.schema, run.profiles);
  const app = await startNaiveService({
    brokers: infra.kafkaBrokers,
    topic,
    groupId: `${run.prefix}naive`,
    postgres: infra.postgres,
    schema: schema.schema,
    email: run.email,
    templates: run.templates,
  });
  try {
    const handler = app.get(NaiveMentionHandler);
    const produce = async (offset: number, events: number): Promise<void> => {
      const messages = mentionsOf(run.profiles, events, offset, run.communityId).map((event) =>
        encodeBinary(event, eventKey(event.type, event.data)),
      );
      await produceMessages(infra.kafkaBrokers, topic, messages);
    };
    await produce(0, warmUp);
    await handler.handledAtLeast(warmUp, 60_000);
    const startedAt = performance.now();
    await produce(warmUp, count);
    await handler.handledAtLeast(warmUp + count, 600_000);
    return throughput(count, startedAt, performance.now());
  } finally {
    await app.close();
    await schema.drop();
  }
}

async function seedProfiles(schema: string, profiles: readonly PreferenceProfileData[]): Promise<void> {
  const client = new Client((await getTestInfra()).postgres);
  await client.connect();
  try {
    await client.query(`CREATE TABLE "${schema}".profiles (
      user_id varchar(200) PRIMARY KEY, email varchar(320) NOT NULL, display_name varchar(200) NOT NULL,
      locale varchar(35) NOT NULL, time_zone varchar(64) NOT NULL)`);
    await client.query(
      `INSERT INTO "${schema}".profiles SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[],
         $4::varchar[], $5::varchar[])`,
      [
        profiles.map((profile) => profile.userId),
        profiles.map((profile) => profile.email),
        profiles.map((profile) => profile.displayName),
        profiles.map((profile) => profile.locale),
        profiles.map((profile) => profile.timeZone),
      ],
    );
  } finally {
    await client.end();
  }
}
