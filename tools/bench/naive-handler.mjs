// The baseline: a minimal kafkajs consumer that sends one email per mention event, one event at a time, with no
// database, no deduplication, no retries and the email rendered once up front. Prints `ready` once in its group.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { kafkaAs } from './system.mjs';

const { topic, groupId, endpoint, users, email } = JSON.parse(process.argv[2]);
const addresses = new Map(users.map((user) => [user.userId, user.email]));
const ses = new SESv2Client({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const consumer = kafkaAs('admin', 'bench-naive').consumer({ groupId });
consumer.on(consumer.events.GROUP_JOIN, () => process.stdout.write('ready\n'));
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  eachMessage: async ({ message }) => {
    const { data } = JSON.parse(String(message.value));
    // The email the dispatcher would send, with this event's reference: the same bytes as the other rows.
    const ref = /benchref\d+x/.exec(data.content.title)?.[0] ?? '';
    const withRef = (text) => text.replace(/benchref\d+x/g, ref);
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: email.from,
        Destination: { ToAddresses: [addresses.get(data.recipientUserId)] },
        Content: {
          Simple: {
            Subject: { Data: withRef(email.subject) },
            Body: { Html: { Data: withRef(email.html) }, Text: { Data: withRef(email.text) } },
          },
        },
      }),
    );
  },
});
process.on('SIGTERM', () => {
  void consumer.disconnect().then(() => process.exit(0));
});
