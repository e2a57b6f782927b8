import { randomBytes } from 'node:crypto';
import { EventTypes, type MentionCreatedData } from '@notify/contracts';
import type { PlatformEvent } from '../clients/platform-client';
import type { Person } from './people';

/** One mention event per recipient, keyed by the recipient as the contract says, titled `<title> <n>`. */
export function mentionsOf(
  recipients: readonly Person[],
  actor: Person,
  title: string,
): PlatformEvent<MentionCreatedData>[] {
  return recipients.map((recipient, index) => {
    const id = randomBytes(5).toString('hex');
    return {
      type: EventTypes.MentionCreated,
      key: recipient.userId,
      data: {
        mentionId: `mention-${id}`,
        recipientUserId: recipient.userId,
        actor: { userId: actor.userId, displayName: actor.displayName },
        content: {
          id: `content-${id}`,
          title: `${title} ${index + 1}`,
          url: `https://portal.example.test/content/${id}`,
        },
        excerpt: `@${recipient.displayName} have a look`,
      },
    };
  });
}
