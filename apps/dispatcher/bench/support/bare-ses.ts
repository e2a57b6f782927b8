import { SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { EmailSettings } from '../../src/email/email-settings';
import { createSesClient } from '../../src/email/ses-client.provider';
import { runConcurrently, type Throughput } from './throughput';

/**
 * The ceiling: the SES client alone sending `count` copies of a real notification email (one recipient each) at the
 * dispatcher's concurrency, with the dispatcher's client settings.
 */
export async function measureBareSes(
  settings: EmailSettings,
  email: SendEmailCommandInput,
  count: number,
): Promise<Throughput> {
  const client = createSesClient(settings);
  try {
    return await runConcurrently(count, settings.maxConcurrency, (index) =>
      client.send(
        new SendEmailCommand({ ...email, Destination: { ToAddresses: [`bare-${index}@bench.example.org`] } }),
      ),
    );
  } finally {
    client.destroy();
  }
}
