import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { Client } from 'pg';
import {
  createTestSchema,
  createTopics,
  emailHeader,
  getTestInfra,
  produceMessages,
  readTopic,
  sesMessages,
  uniqueEmail,
  uniqueTopicPrefix,
  waitForEmails,
  type TestInfra,
} from '../src';

async function schemaExists(infra: TestInfra, schema: string): Promise<boolean> {
  const client = new Client(infra.postgres);
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      schema,
    ]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('test harness against the real infrastructure', () => {
  let infra: TestInfra;

  beforeAll(async () => {
    infra = await getTestInfra();
  });

  it('resolves the infrastructure once per process', async () => {
    await expect(getTestInfra()).resolves.toBe(infra);
    expect(infra.kafkaBrokers.length).toBeGreaterThan(0);
    expect(infra.sesEndpoint).toMatch(/^http:\/\//);
  });

  it('creates an isolated schema and drops it with its tables', async () => {
    const { schema, drop } = await createTestSchema('Harness Spec!');

    expect(schema).toMatch(/^t_harness_spec_[0-9a-f]{8}$/);
    await expect(schemaExists(infra, schema)).resolves.toBe(true);

    const client = new Client(infra.postgres);
    await client.connect();
    await client.query(`CREATE TABLE "${schema}".probe (id int PRIMARY KEY)`);
    await client.end();

    await drop();
    await expect(schemaExists(infra, schema)).resolves.toBe(false);
  });

  it('reads back what was produced to a fresh topic, with key and headers', async () => {
    const topic = `${uniqueTopicPrefix('harness')}probe.v1`;
    await createTopics(infra.kafkaBrokers, [topic], { partitions: 2 });

    await produceMessages(infra.kafkaBrokers, topic, [
      { key: 'community-1', value: '{"hello":"world"}', headers: { ce_type: 'probe.created' } },
    ]);
    const messages = await readTopic(infra.kafkaBrokers, topic, { count: 1, timeoutMs: 20_000 });

    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ topic, key: 'community-1', headers: { ce_type: 'probe.created' } });
    expect(messages[0].value?.toString()).toBe('{"hello":"world"}');
  });

  it('returns nothing from a topic nobody wrote to', async () => {
    const topic = `${uniqueTopicPrefix('harness')}empty.v1`;
    await createTopics(infra.kafkaBrokers, [topic]);

    await expect(readTopic(infra.kafkaBrokers, topic, { timeoutMs: 1_000 })).resolves.toEqual([]);
  });

  it('finds an email sent through the SES v2 API in the emulator store', async () => {
    const recipient = uniqueEmail('harness');
    const before = new Date(Date.now() - 1000);
    const ses = new SESv2Client({
      endpoint: infra.sesEndpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });

    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'notifications@example.org',
        Destination: { ToAddresses: [`Harness <${recipient}>`] },
        Content: {
          Simple: {
            Subject: { Data: 'Harness check' },
            Body: { Text: { Data: 'plain part' }, Html: { Data: '<p>html part</p>' } },
            Headers: [{ Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' }],
          },
        },
      }),
    );
    const [email] = await waitForEmails(infra.sesEndpoint, undefined, { to: recipient, timeoutMs: 5_000 });

    expect(email).toMatchObject({
      subject: 'Harness check',
      body: { text: 'plain part', html: '<p>html part</p>' },
    });
    expect(emailHeader(email, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await expect(sesMessages(infra.sesEndpoint, { to: recipient, since: before })).resolves.toHaveLength(1);
    await expect(sesMessages(infra.sesEndpoint, { to: uniqueEmail('nobody') })).resolves.toEqual([]);
  });

  it('reports how many emails it found when fewer arrive than expected', async () => {
    await expect(
      waitForEmails(infra.sesEndpoint, undefined, { to: uniqueEmail('absent'), count: 1, timeoutMs: 500 }),
    ).rejects.toThrow('Expected 1 matching email(s) in the SES emulator, found 0');
  });
});
