import { FREQUENCIES } from '@notify/contracts';
import {
  decideOnEvent,
  decideOnSend,
  fanOutRules,
  type EventDecision,
  type EventSituation,
  type SendDecision,
  type SendSituation,
} from './notification-policy';

const member: EventSituation = {
  category: 'mentions',
  isActor: false,
  membersOnly: false,
  isMember: false,
  preference: 'immediately',
  hasAddress: true,
};

describe('decideOnEvent', () => {
  const table: [string, Partial<EventSituation>, EventDecision][] = [
    ['immediately goes out now', {}, { status: 'pending' }],
    [
      'daily is queued for the daily digest',
      { preference: 'daily' },
      { status: 'digest-queued', frequency: 'daily' },
    ],
    [
      'weekly is queued for the weekly digest',
      { preference: 'weekly' },
      { status: 'digest-queued', frequency: 'weekly' },
    ],
    ['never is skipped', { preference: 'never' }, { status: 'skipped', reason: 'preference-never' }],
    [
      'no profile yet is skipped',
      { preference: undefined, hasAddress: false },
      { status: 'skipped', reason: 'no-profile' },
    ],
    ['own action is skipped', { isActor: true }, { status: 'skipped', reason: 'self-action' }],
    [
      'own action wins over every other reason',
      { isActor: true, preference: 'never', membersOnly: true },
      { status: 'skipped', reason: 'self-action' },
    ],
    [
      'restricted content to a non-member is skipped',
      { membersOnly: true },
      { status: 'skipped', reason: 'not-a-member' },
    ],
    [
      'restricted content to a member follows the preference',
      { membersOnly: true, isMember: true, preference: 'weekly' },
      { status: 'digest-queued', frequency: 'weekly' },
    ],
    [
      'membership is checked before the profile',
      { membersOnly: true, preference: undefined, hasAddress: false },
      { status: 'skipped', reason: 'not-a-member' },
    ],
    [
      'community activity follows its frequency',
      { category: 'communityActivity', preference: 'daily' },
      { status: 'digest-queued', frequency: 'daily' },
    ],
    [
      'transactional ignores the preference',
      { category: 'transactional', preference: 'never' },
      { status: 'pending' },
    ],
    [
      'transactional goes to a moderator contact without a profile',
      { category: 'transactional', preference: undefined, hasAddress: true },
      { status: 'pending' },
    ],
    [
      'transactional without any address is skipped',
      { category: 'transactional', preference: undefined, hasAddress: false },
      { status: 'skipped', reason: 'no-profile' },
    ],
    [
      'a moderator alert without a profile is skipped even with a contact',
      { category: 'communityActivity', preference: undefined, hasAddress: true },
      { status: 'skipped', reason: 'no-profile' },
    ],
    [
      'transactional to the actor is skipped',
      { category: 'transactional', isActor: true },
      { status: 'skipped', reason: 'self-action' },
    ],
  ];

  it.each(table)('%s', (_name, situation, decision) => {
    expect(decideOnEvent({ ...member, ...situation })).toEqual(decision);
  });
});

describe('decideOnSend', () => {
  const base: SendSituation = {
    category: 'comments',
    membersOnly: false,
    isMember: false,
    preference: 'immediately',
    hasAddress: true,
    suppressed: false,
  };
  const table: [string, Partial<SendSituation>, SendDecision][] = [
    ['sends when nothing changed', {}, { action: 'send' }],
    [
      'a member who left gets nothing',
      { membersOnly: true, isMember: false },
      { action: 'skip', reason: 'not-a-member' },
    ],
    ['a current member gets it', { membersOnly: true, isMember: true }, { action: 'send' }],
    ['a suppressed address gets nothing', { suppressed: true }, { action: 'skip', reason: 'suppressed' }],
    [
      'a suppressed address gets no transactional email either',
      { category: 'transactional', suppressed: true },
      { action: 'skip', reason: 'suppressed' },
    ],
    ['switched to never meanwhile', { preference: 'never' }, { action: 'skip', reason: 'preference-never' }],
    ['switched to daily meanwhile still sends what was due', { preference: 'daily' }, { action: 'send' }],
    ['transactional ignores never', { category: 'transactional', preference: 'never' }, { action: 'send' }],
    ['no address', { hasAddress: false }, { action: 'skip', reason: 'no-profile' }],
    [
      'membership is checked first',
      { membersOnly: true, suppressed: true, preference: 'never' },
      { action: 'skip', reason: 'not-a-member' },
    ],
  ];

  it.each(table)('%s', (_name, situation, decision) => {
    expect(decideOnSend({ ...base, ...situation })).toEqual(decision);
  });
});

describe('fanOutRules', () => {
  it('covers every member situation once, actor or not, with or without a profile', () => {
    const rules = fanOutRules('communityActivity');

    expect(rules).toHaveLength(2 * (FREQUENCIES.length + 1));
    const keys = rules.map((rule) => `${rule.isActor}:${rule.preference}`);
    expect(new Set(keys).size).toBe(rules.length);
  });

  it('gives each situation the decision of decideOnEvent for a current member', () => {
    for (const rule of fanOutRules('communityActivity')) {
      expect(rule.decision).toEqual(
        decideOnEvent({
          category: 'communityActivity',
          isActor: rule.isActor,
          membersOnly: true,
          isMember: true,
          preference: rule.preference ?? undefined,
          hasAddress: rule.preference !== null,
        }),
      );
    }
  });

  it('skips the author and members without a profile, and queues digests by frequency', () => {
    const decisionOf = (isActor: boolean, preference: string | null) =>
      fanOutRules('communityActivity').find(
        (rule) => rule.isActor === isActor && rule.preference === preference,
      )?.decision;

    expect(decisionOf(true, 'immediately')).toEqual({ status: 'skipped', reason: 'self-action' });
    expect(decisionOf(false, null)).toEqual({ status: 'skipped', reason: 'no-profile' });
    expect(decisionOf(false, 'immediately')).toEqual({ status: 'pending' });
    expect(decisionOf(false, 'weekly')).toEqual({ status: 'digest-queued', frequency: 'weekly' });
  });
});
