// The ceiling: @aws-sdk/client-sesv2 with the SDK's default settings sending `count` copies of a real notification
// email, `concurrency` in flight. Run as its own process so its CPU is its own; prints one JSON line.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { cpuMs } from './proc.mjs';

const { endpoint, count, warmUp, concurrency, firstRef, email } = JSON.parse(process.argv[2]);
const client = new SESv2Client({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const withRef = (text, ref) => text.replace(/benchref\d+x/g, `benchref${ref}x`);
const send = (index) =>
  client.send(
    new SendEmailCommand({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: [`bare-${index % 200}@bench.example.test`] },
      Content: {
        Simple: {
          Subject: { Data: withRef(email.subject, firstRef + index) },
          Body: {
            Html: { Data: withRef(email.html, firstRef + index) },
            Text: { Data: withRef(email.text, firstRef + index) },
          },
        },
      },
    }),
  );

/** Sends emails `from` to `to` (exclusive) with `concurrency` in flight. */
async function sendAll(from, to) {
  let next = from;
  const lane = async () => {
    while (next < to) {
      const index = next;
      next += 1;
      await send(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, lane));
}

// Connections and JIT first, untimed.
await sendAll(0, warmUp);
const cpuBefore = cpuMs(process.pid);
const startedAt = performance.now();
await sendAll(warmUp, warmUp + count);
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(`${JSON.stringify({ count, seconds, cpuMs: cpuMs(process.pid) - cpuBefore })}\n`);
client.destroy();
