import { Logger } from '@nestjs/common';
import { EventTypes, type EventDataMap } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { EntityManager } from 'typeorm';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveriesRepository, NewDelivery } from '../deliveries/deliveries.repository';
import {
  storedEventKey,
  type NotificationEventsRepository,
} from '../deliveries/notification-events.repository';
import type { NotifiableEvent, NotifiableEventType } from '../policy/notifiable-event';
import { fanOutRules } from '../policy/notification-policy';
import type { CommunitiesRepository } from '../read-models/communities.repository';
import type { CommunityEntity } from '../read-models/community.entity';
import { membershipKey, type MembershipsRepository } from '../read-models/memberships.repository';
import type { ProfileEntity } from '../read-models/profile.entity';
import type { ProfilesRepository } from '../read-models/profiles.repository';
import { communityOf, profileOf } from '../testing/fixtures';
import type { ModeratorAlertCap, TimedDelivery } from './moderator-alert-cap.service';
import { NotificationPlanner } from './notification-planner.service';

let sequence = 0;

function event<T extends NotifiableEventType>(type: T, data: Partial<EventDataMap[T]> = {}): NotifiableEvent {
  sequence += 1;
  const sample = sampleCloudEvent(type, { id: `event-${sequence}` });
  return { ...sample, data: { ...sample.data, ...data } } as NotifiableEvent;
}

describe('NotificationPlanner', () => {
  const tx = {} as EntityManager;
  const events = { insertMany: jest.fn() };
  const communities = { findByIds: jest.fn() };
  const profiles = { findByIds: jest.fn() };
  const memberships = { currentMemberships: jest.fn() };
  const deliveries = { insertMany: jest.fn(), wakeSenders: jest.fn() };
  const fanOut = { insertForMembers: jest.fn(), insertPage: jest.fn() };
  const alertCap = { apply: jest.fn() };
  let planner: NotificationPlanner;

  function given(options: {
    community?: CommunityEntity | null;
    profiles?: ProfileEntity[];
    members?: string[];
  }): void {
    const community = options.community === undefined ? communityOf() : options.community;
    communities.findByIds.mockResolvedValue(community ? [community] : []);
    profiles.findByIds.mockResolvedValue(options.profiles ?? []);
    memberships.currentMemberships.mockResolvedValue(
      new Set((options.members ?? []).map((userId) => membershipKey({ communityId: 'community-1', userId }))),
    );
  }

  const inserted = (): NewDelivery[] =>
    deliveries.insertMany.mock.calls.flatMap(([rows]: [NewDelivery[]]) => rows);

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    // Every event is new and gets row id 7, 8, ...
    events.insertMany.mockImplementation((stored: NotifiableEvent[]) =>
      Promise.resolve(new Map(stored.map((one, index) => [storedEventKey(one), String(7 + index)]))),
    );
    deliveries.insertMany.mockImplementation((rows: NewDelivery[]) =>
      Promise.resolve(rows.filter((row) => row.decision.status === 'pending').length),
    );
    deliveries.wakeSenders.mockResolvedValue(undefined);
    fanOut.insertForMembers.mockResolvedValue(0);
    alertCap.apply.mockImplementation((items: TimedDelivery[]) =>
      Promise.resolve(items.map((i) => i.delivery)),
    );
    planner = new NotificationPlanner(
      { FANOUT_PAGE_SIZE: 500 } as DispatcherConfig,
      events as unknown as NotificationEventsRepository,
      communities as unknown as CommunitiesRepository,
      profiles as unknown as ProfilesRepository,
      memberships as unknown as MembershipsRepository,
      deliveries as unknown as DeliveriesRepository,
      fanOut,
      alertCap as unknown as ModeratorAlertCap,
    );
  });

  it('does nothing for an event it has already planned', async () => {
    given({});
    events.insertMany.mockResolvedValue(new Map());

    await planner.plan([event(EventTypes.AccessRequested)], tx);

    expect(deliveries.insertMany).not.toHaveBeenCalled();
    expect(fanOut.insertForMembers).not.toHaveBeenCalled();
  });

  it('alerts moderators with a profile and acknowledges the requester, then wakes the senders', async () => {
    given({ profiles: [profileOf('user-1'), profileOf('user-moderator-1')] });

    await planner.plan([event(EventTypes.AccessRequested)], tx);

    expect(inserted()).toEqual([
      expect.objectContaining({
        eventRef: '7',
        recipientUserId: 'user-moderator-1',
        recipientRole: 'moderator',
        template: 'access-request.moderator',
        decision: { status: 'pending' },
      }),
      expect.objectContaining({
        recipientUserId: 'user-1',
        recipientRole: 'requester',
        template: 'access-request.acknowledgement',
        decision: { status: 'pending' },
      }),
    ]);
    expect(deliveries.wakeSenders).toHaveBeenCalledWith(tx);
  });

  it('skips a moderator without a profile: the contact address the community lists is never written to', async () => {
    given({ profiles: [profileOf('user-1')] });

    await planner.plan([event(EventTypes.AccessRequested)], tx);

    expect(inserted()).toEqual([
      expect.objectContaining({
        recipientUserId: 'user-moderator-1',
        recipientRole: 'moderator',
        decision: { status: 'skipped', reason: 'no-profile' },
      }),
      expect.objectContaining({ recipientUserId: 'user-1', decision: { status: 'pending' } }),
    ]);
  });

  it("inserts what the moderator alert cap leaves, having told it each alert's event time", async () => {
    given({ profiles: [profileOf('user-1'), profileOf('user-moderator-1')] });
    const requested = event(EventTypes.AccessRequested);
    alertCap.apply.mockImplementation((items: TimedDelivery[]) =>
      Promise.resolve(
        items.map(({ delivery }) =>
          delivery.recipientRole === 'moderator'
            ? { ...delivery, decision: { status: 'held', until: new Date('2026-01-05T11:00:00Z') } }
            : delivery,
        ),
      ),
    );

    await planner.plan([requested], tx);

    expect(alertCap.apply).toHaveBeenCalledWith(
      [
        expect.objectContaining({ occurredAt: new Date(requested.time) }),
        expect.objectContaining({ occurredAt: new Date(requested.time) }),
      ],
      tx,
    );
    expect(inserted()).toEqual([
      expect.objectContaining({
        recipientRole: 'moderator',
        decision: expect.objectContaining({ status: 'held' }),
      }),
      expect.objectContaining({ recipientRole: 'requester', decision: { status: 'pending' } }),
    ]);
  });

  it('skips a requester without a profile, and does not wake the senders for nothing', async () => {
    given({ community: communityOf({ moderators: [] }) });

    await planner.plan([event(EventTypes.AccessRequested)], tx);

    expect(inserted()).toEqual([
      expect.objectContaining({ decision: { status: 'skipped', reason: 'no-profile' } }),
    ]);
    expect(deliveries.wakeSenders).not.toHaveBeenCalled();
  });

  it('queues a comment for the digest of a member who chose daily, and skips a non-member', async () => {
    given({
      profiles: [profileOf('user-1', { preferences: { comments: 'daily' } }), profileOf('user-2')],
      members: ['user-1'],
    });

    await planner.plan([event(EventTypes.CommentCreated)], tx);

    expect(inserted().map((row) => [row.recipientUserId, row.membersOnly, row.decision])).toEqual([
      ['user-1', true, { status: 'digest-queued', frequency: 'daily' }],
      ['user-2', true, { status: 'skipped', reason: 'not-a-member' }],
    ]);
  });

  it('fans out to members in the database with the policy rules, leaving moderators to their own alert', async () => {
    given({ community: communityOf({ visibility: 'open' }) });
    fanOut.insertForMembers.mockResolvedValue(3);

    await planner.plan([event(EventTypes.CommunityContentPublished, { publishedVia: 'open-community' })], tx);

    expect(fanOut.insertForMembers).toHaveBeenCalledWith(
      {
        eventRef: '7',
        communityId: 'community-1',
        template: 'activity.content-published',
        category: 'communityActivity',
        membersOnly: true,
        actorUserId: 'user-actor-1',
        excludedUserIds: ['user-moderator-1'],
        rules: fanOutRules('communityActivity'),
      },
      500,
      tx,
    );
    expect(deliveries.wakeSenders).toHaveBeenCalled();
  });

  it('stores nothing for an event that notifies nobody', async () => {
    given({});

    await planner.plan([event(EventTypes.MemberJoined, { joinedVia: 'access-request-approved' })], tx);

    expect(events.insertMany).toHaveBeenCalledWith([], tx);
    expect(deliveries.insertMany).not.toHaveBeenCalled();
  });

  it('notifies no moderator of a community it does not know', async () => {
    given({ community: null, profiles: [profileOf('user-1')] });

    await planner.plan([event(EventTypes.AccessRequested)], tx);

    expect(inserted().map((row) => row.template)).toEqual(['access-request.acknowledgement']);
  });

  it('plans a batch of events with one statement per step and wakes the senders once', async () => {
    given({ profiles: [profileOf('user-1'), profileOf('user-2')], members: ['user-1', 'user-2'] });
    const first = event(EventTypes.MentionCreated, { recipientUserId: 'user-1' });
    const second = event(EventTypes.MentionCreated, { recipientUserId: 'user-2' });
    const replayed = event(EventTypes.MentionCreated, { recipientUserId: 'user-3' });
    events.insertMany.mockResolvedValue(
      new Map([
        [storedEventKey(first), '7'],
        [storedEventKey(second), '8'],
      ]),
    );

    await planner.plan([first, second, replayed], tx);

    expect(communities.findByIds).toHaveBeenCalledTimes(1);
    expect(events.insertMany).toHaveBeenCalledWith([first, second, replayed], tx);
    expect(profiles.findByIds).toHaveBeenCalledTimes(1);
    expect(deliveries.insertMany).toHaveBeenCalledTimes(1);
    expect(inserted().map((row) => [row.eventRef, row.recipientUserId, row.decision.status])).toEqual([
      ['7', 'user-1', 'pending'],
      ['8', 'user-2', 'pending'],
    ]);
    expect(deliveries.wakeSenders).toHaveBeenCalledTimes(1);
  });
});
