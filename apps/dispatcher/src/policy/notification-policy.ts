import { FREQUENCIES, type Frequency } from '@notify/contracts';
import {
  TRANSACTIONAL,
  type DeliveryCategory,
  type DigestFrequency,
  type SkipReason,
} from './delivery-vocabulary';

/** What is known about one recipient of one notification when its event is handled. */
export interface EventSituation {
  category: DeliveryCategory;
  /** The recipient caused the event themselves. */
  isActor: boolean;
  /** The notification carries content that only current members of its community may see. */
  membersOnly: boolean;
  isMember: boolean;
  /** The recipient's frequency for the category; `undefined` when they have no profile yet. */
  preference: Frequency | undefined;
  /** The recipient has a profile, whose email is the only address ever written to (for moderators too). */
  hasAddress: boolean;
}

export type EventDecision =
  | { status: 'pending' }
  | { status: 'digest-queued'; frequency: DigestFrequency }
  | { status: 'skipped'; reason: SkipReason };

/** What is known about a recipient when the email (or the digest holding the item) is built. */
export interface SendSituation {
  category: DeliveryCategory;
  membersOnly: boolean;
  isMember: boolean;
  preference: Frequency | undefined;
  hasAddress: boolean;
  suppressed: boolean;
}

export type SendDecision = { action: 'send' } | { action: 'skip'; reason: SkipReason };

const skip = (reason: SkipReason): { status: 'skipped'; reason: SkipReason } => ({
  status: 'skipped',
  reason,
});

/** Decides, when an event arrives, whether a recipient's notification goes out now, into a digest, or nowhere. */
export function decideOnEvent(situation: EventSituation): EventDecision {
  if (situation.isActor) {
    return skip('self-action');
  }
  if (situation.membersOnly && !situation.isMember) {
    return skip('not-a-member');
  }
  if (situation.category === TRANSACTIONAL) {
    return situation.hasAddress ? { status: 'pending' } : skip('no-profile');
  }
  if (situation.preference === undefined || !situation.hasAddress) {
    return skip('no-profile');
  }
  switch (situation.preference) {
    case 'immediately':
      return { status: 'pending' };
    case 'daily':
    case 'weekly':
      return { status: 'digest-queued', frequency: situation.preference };
    case 'never':
      return skip('preference-never');
  }
}

/** Re-checks a notification when its email is built: membership, address, suppression and preference may have changed. */
export function decideOnSend(situation: SendSituation): SendDecision {
  if (situation.membersOnly && !situation.isMember) {
    return { action: 'skip', reason: 'not-a-member' };
  }
  if (!situation.hasAddress) {
    return { action: 'skip', reason: 'no-profile' };
  }
  if (situation.suppressed) {
    return { action: 'skip', reason: 'suppressed' };
  }
  if (situation.category !== TRANSACTIONAL && situation.preference === 'never') {
    return { action: 'skip', reason: 'preference-never' };
  }
  return { action: 'send' };
}

/** One row of the lookup table a set-based fan-out joins against; `preference` null means "no profile". */
export interface FanOutRule {
  isActor: boolean;
  preference: Frequency | null;
  decision: EventDecision;
}

/**
 * Every situation a member of a community can be in during a fan-out, decided by `decideOnEvent`, so the SQL
 * that notifies a whole community applies exactly this policy instead of a copy of it.
 */
export function fanOutRules(category: DeliveryCategory): FanOutRule[] {
  const preferences: (Frequency | null)[] = [...FREQUENCIES, null];
  return [true, false].flatMap((isActor) =>
    preferences.map((preference) => ({
      isActor,
      preference,
      decision: decideOnEvent({
        category,
        isActor,
        membersOnly: false,
        isMember: true,
        preference: preference ?? undefined,
        hasAddress: preference !== null,
      }),
    })),
  );
}
