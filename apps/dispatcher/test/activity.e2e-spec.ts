import { EventTypes, type CommunityData, type PreferenceProfileData } from '@notify/contracts';
import { parseSigningKeyList } from '@notify/config';
import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import {
  cloudEventFactory,
  communityFactory,
  emailHeader,
  sesMessages,
  userProfileFactory,
  waitForEmails,
  type SesEmail,
} from '@notify/testing';
import request from 'supertest';
import {
  SIGNING_KEYS,
  startDispatcher,
  UNSUBSCRIBE_BASE_URL,
  type DispatcherTestApp,
} from './support/dispatcher-test-app';

// PRODUCT items 2, 3, 6 and 7 as far as the dispatcher's own emails go: activity, preferences, confidentiality.
describe('activity emails', () => {
  let dispatcher: DispatcherTestApp;

  beforeAll(async () => {
    dispatcher = await startDispatcher('activity');
  });

  afterAll(async () => {
    await dispatcher?.close();
  });

  const emailsTo = (to: string, count = 1): Promise<SesEmail[]> =>
    waitForEmails(dispatcher.sesEndpoint, () => true, { to, count, timeoutMs: 20_000 });

  async function profiles(...overrides: Partial<PreferenceProfileData>[]): Promise<PreferenceProfileData[]> {
    const built = overrides.map((override) => userProfileFactory.build(override));
    await dispatcher.publishAndWait(
      ...built.map((profile) => cloudEventFactory.build(EventTypes.PreferenceProfileChanged, profile)),
    );
    return built;
  }

  async function community(
    overrides: Partial<CommunityData>,
    members: string[] = [],
  ): Promise<CommunityData> {
    const created = communityFactory.build(overrides);
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.CommunityCreated, created),
      ...members.map((userId) =>
        cloudEventFactory.build(EventTypes.MemberJoined, {
          communityId: created.communityId,
          userId,
          joinedVia: 'access-request-approved',
        }),
      ),
    );
    return created;
  }

  it('sends a mention at once, with a signed one-click unsubscribe link for mentions', async () => {
    const [reader] = await profiles({});
    const open = await community({ visibility: 'open', name: 'Open tenders' });

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.MentionCreated, {
        recipientUserId: reader.userId,
        communityId: open.communityId,
        excerpt: 'As @Jean said, the tender closes on Friday.',
      }),
    );

    const [email] = await emailsTo(reader.email);
    expect(email.subject).toBe('Ada Author mentioned you in "Joint procurement of school meals"');
    expect(email.body.text).toContain('As @Jean said, the tender closes on Friday.');
    expect(emailHeader(email, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(emailHeader(email, 'List-Unsubscribe') ?? '')?.[1] ?? '';
    expect(link.startsWith(`${UNSUBSCRIBE_BASE_URL}/unsubscribe?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token') ?? '';
    // Verified as the preferences service does, with the same key list.
    expect(new UnsubscribeTokens(new LinkSigner(parseSigningKeyList(SIGNING_KEYS))).verify(token)).toEqual({
      userId: reader.userId,
      category: 'mentions',
    });
  });

  it('re-renders a sent email for a platform service only, and answers 404 for an unknown delivery', async () => {
    const [reader] = await profiles({});
    const open = await community({ visibility: 'open', name: 'Open tenders' });
    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.MentionCreated, {
        recipientUserId: reader.userId,
        communityId: open.communityId,
        actor: { userId: 'user-actor-9', displayName: '<script>Eve</script>' },
      }),
    );
    const [sent] = await emailsTo(reader.email);
    const [delivery] = await dispatcher.settledDeliveries(reader.userId, 1);
    const path = `/users/${reader.userId}/deliveries/${delivery.id}/preview`;

    const preview = await request(dispatcher.http)
      .get(path)
      .set('Authorization', `Bearer ${await dispatcher.serviceBearer('support-console')}`)
      .expect(200);
    expect(preview.body).toEqual({
      deliveryId: delivery.id,
      template: 'activity.mention',
      status: 'sent',
      digestItem: false,
      available: true,
      language: 'en',
      subject: sent.subject,
      html: expect.stringContaining('&lt;script&gt;Eve&lt;/script&gt;'),
      text: expect.stringContaining('Joint procurement of school meals'),
    });
    expect(preview.body.html).not.toContain('<script>');
    expect(preview.body.html).toContain('https://unsubscribe.invalid/');

    await request(dispatcher.http)
      .get(path)
      .set('Authorization', `Bearer ${await dispatcher.bearer(reader.userId)}`)
      .expect(403);
    await request(dispatcher.http).get(path).expect(401);
    const serviceBearer = `Bearer ${await dispatcher.serviceBearer('support-console')}`;
    await request(dispatcher.http)
      .get(`/users/${reader.userId}/deliveries/999999999/preview`)
      .set('Authorization', serviceBearer)
      .expect(404);
    await request(dispatcher.http)
      .get(`/users/someone-else/deliveries/${delivery.id}/preview`)
      .set('Authorization', serviceBearer)
      .expect(404);
    await request(dispatcher.http)
      .get(`/users/${reader.userId}/deliveries/abc/preview`)
      .set('Authorization', serviceBearer)
      .expect(400);
  });

  it('writes to a French user in French', async () => {
    const [french] = await profiles({ locale: 'fr-FR' });

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.CommentCreated, {
        recipientUserIds: [french.userId],
        communityId: undefined,
      }),
    );

    const [email] = await emailsTo(french.email);
    expect(email.subject).toBe('Ada Author a commenté « Joint procurement of school meals »');
  });

  it('writes in the language of the profile’s BCP 47 tag, English as the last resort, and logs which', async () => {
    const readers = await profiles(
      { locale: 'pl-PL' },
      { locale: 'el' },
      { locale: 'ga-IE' },
      { locale: 'ja-JP' },
    );

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.CommentCreated, {
        recipientUserIds: readers.map((reader) => reader.userId),
        communityId: undefined,
      }),
    );

    const subjects = await Promise.all(
      readers.map(async (reader) => (await emailsTo(reader.email))[0].subject),
    );
    expect(subjects).toEqual([
      'Ada Author skomentował(a) „Joint procurement of school meals”',
      'Ada Author σχολίασε το «Joint procurement of school meals»',
      'Rinne Ada Author trácht ar "Joint procurement of school meals"',
      'Ada Author commented on "Joint procurement of school meals"',
    ]);
    const logged = await Promise.all(
      readers.map(async (reader) => (await dispatcher.settledDeliveries(reader.userId, 1))[0]),
    );
    expect(logged.map((entry) => [entry.status, entry.language])).toEqual([
      ['sent', 'pl'],
      ['sent', 'el'],
      ['sent', 'ga'],
      ['sent', 'en'],
    ]);
  });

  it('never emails the body of a private message', async () => {
    const [reader] = await profiles({});

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.MessageCreated, { recipientUserId: reader.userId }),
    );

    const [email] = await emailsTo(reader.email);
    expect(email.subject).toBe('Ada Author sent you a private message');
    expect(email.body.text).toContain('https://platform.example.org/messages/1');
    expect(emailHeader(email, 'List-Unsubscribe')).toBeDefined();
  });

  it('logs a never preference and a user’s own action as skipped, with the causing event', async () => {
    const [quiet] = await profiles({
      preferences: {
        mentions: 'immediately',
        comments: 'immediately',
        privateMessages: 'never',
        communityActivity: 'daily',
      },
    });
    const message = cloudEventFactory.build(EventTypes.MessageCreated, { recipientUserId: quiet.userId });
    const ownComment = cloudEventFactory.build(EventTypes.CommentCreated, {
      recipientUserIds: [quiet.userId],
      actor: { userId: quiet.userId, displayName: 'Quiet' },
      communityId: undefined,
    });

    await dispatcher.publishAndWait(message, ownComment);

    const log = await dispatcher.settledDeliveries(quiet.userId, 2);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          status: 'skipped',
          reason: 'preference-never',
          category: 'privateMessages',
          eventId: message.id,
          eventType: EventTypes.MessageCreated,
          eventSource: message.source,
        }),
        expect.objectContaining({ status: 'skipped', reason: 'self-action', eventId: ownComment.id }),
      ]),
    );
    expect(await sesMessages(dispatcher.sesEndpoint, { to: quiet.email })).toEqual([]);
  });

  it('sends restricted content to current members only; a member who left gets nothing more', async () => {
    const [member, outsider, leaver] = await profiles({}, {}, {});
    const restricted = await community({ visibility: 'restricted' }, [member.userId, leaver.userId]);
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.MemberLeft, {
        communityId: restricted.communityId,
        userId: leaver.userId,
      }),
    );
    const comment = cloudEventFactory.build(EventTypes.CommentCreated, {
      communityId: restricted.communityId,
      recipientUserIds: [member.userId, outsider.userId, leaver.userId],
    });

    await dispatcher.publishAndWait(comment);

    await emailsTo(member.email);
    for (const user of [outsider, leaver]) {
      const [entry] = await dispatcher.settledDeliveries(user.userId, 1);
      expect(entry).toMatchObject({ status: 'skipped', reason: 'not-a-member', eventId: comment.id });
      expect(await sesMessages(dispatcher.sesEndpoint, { to: user.email })).toEqual([]);
    }
    // Support sees why: the membership the dispatcher holds for the leaver says `left`, and since when.
    const memberships = await request(dispatcher.http)
      .get(`/users/${leaver.userId}/memberships`)
      .set('Authorization', `Bearer ${await dispatcher.serviceBearer('support-console')}`)
      .expect(200);
    expect(memberships.body).toEqual({
      items: [
        {
          communityId: restricted.communityId,
          communityName: restricted.name,
          state: 'left',
          changedAt: expect.any(String),
        },
      ],
    });
    await request(dispatcher.http)
      .get(`/users/${leaver.userId}/memberships`)
      .set('Authorization', `Bearer ${await dispatcher.bearer(leaver.userId)}`)
      .expect(403);
  });

  it('never puts an excerpt of a confidential community in an email', async () => {
    const [member] = await profiles({});
    const secret = await community({ confidential: true, name: 'Defence buyers' }, [member.userId]);

    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.MentionCreated, {
        recipientUserId: member.userId,
        communityId: secret.communityId,
        excerpt: 'The classified lot list is attached.',
      }),
    );

    const [email] = await emailsTo(member.email);
    expect(email.subject).toContain('Joint procurement of school meals');
    expect(`${email.body.text} ${email.body.html}`).not.toContain('classified lot list');
  });

  it('informs moderators of an open community per their frequency and notifies the other members', async () => {
    const activity = (communityActivity: 'immediately' | 'daily') =>
      ({
        preferences: {
          mentions: 'immediately',
          comments: 'immediately',
          privateMessages: 'immediately',
          communityActivity,
        },
      }) as const;
    const [moderator, eager, relaxed, author] = await profiles(
      activity('immediately'),
      activity('immediately'),
      activity('daily'),
      activity('immediately'),
    );
    const open = await community(
      {
        visibility: 'open',
        moderated: false,
        name: 'Open tenders',
        moderators: [{ userId: moderator.userId, displayName: 'Mo', contactEmail: 'mo@example.org' }],
      },
      [moderator.userId, eager.userId, relaxed.userId, author.userId],
    );
    const joined = cloudEventFactory.build(EventTypes.MemberJoined, {
      communityId: open.communityId,
      userId: eager.userId,
      joinedVia: 'open-join',
    });

    await dispatcher.publish(joined);
    await dispatcher.publish(
      cloudEventFactory.build(EventTypes.CommunityContentPublished, {
        communityId: open.communityId,
        authorId: author.userId,
        publishedVia: 'open-community',
      }),
    );

    const toModerator = await emailsTo(moderator.email, 2);
    expect(toModerator.map((email) => email.subject).sort()).toEqual([
      'Jean Buyer joined Open tenders',
      'Published in Open tenders: Joint procurement of school meals',
    ]);
    const [toMember] = await emailsTo(eager.email);
    expect(toMember.subject).toBe('New in Open tenders: Joint procurement of school meals');
    // Community activity cannot be switched off by a link: leaving the community stops it.
    expect(emailHeader(toMember, 'List-Unsubscribe')).toBeUndefined();
    expect(await dispatcher.settledDeliveries(relaxed.userId, 1)).toEqual([
      expect.objectContaining({ status: 'digest-queued', category: 'communityActivity' }),
    ]);
    expect(await dispatcher.settledDeliveries(author.userId, 1)).toEqual([
      expect.objectContaining({ status: 'skipped', reason: 'self-action' }),
    ]);
    expect((await dispatcher.deliveries(moderator.userId)).map((entry) => entry.template).sort()).toEqual([
      'community.content-published.moderator',
      'community.member-joined.moderator',
    ]);
  });

  it('sends one email for an event delivered twice', async () => {
    const [reader] = await profiles({});
    const mention = cloudEventFactory.build(EventTypes.MentionCreated, {
      recipientUserId: reader.userId,
      communityId: undefined,
    });
    // Same key as the mention, so it is handled after both copies.
    const later = cloudEventFactory.build(EventTypes.MessageCreated, { recipientUserId: reader.userId });

    await dispatcher.publish(mention);
    await dispatcher.publish(mention);
    await dispatcher.publish(later);

    const emails = await emailsTo(reader.email, 2);
    expect(emails.map((email) => email.subject).sort()).toEqual([
      'Ada Author mentioned you in "Joint procurement of school meals"',
      'Ada Author sent you a private message',
    ]);
    expect(await dispatcher.settledDeliveries(reader.userId, 2)).toHaveLength(2);
  });

  it('stops emailing an address after a permanent bounce', async () => {
    const [bouncing] = await profiles({});
    await dispatcher.publishAndWait(
      cloudEventFactory.build(EventTypes.EmailBounced, { email: bouncing.email, bounceType: 'permanent' }),
    );
    const mention = cloudEventFactory.build(EventTypes.MentionCreated, {
      recipientUserId: bouncing.userId,
      communityId: undefined,
    });

    await dispatcher.publishAndWait(mention);

    expect(await dispatcher.settledDeliveries(bouncing.userId, 1)).toEqual([
      expect.objectContaining({ status: 'skipped', reason: 'suppressed', eventId: mention.id }),
    ]);
    expect(await sesMessages(dispatcher.sesEndpoint, { to: bouncing.email })).toEqual([]);
  });

  it('lists a user’s deliveries to the user and to platform services only, newest first, page by page', async () => {
    const [reader] = await profiles({});
    const first = cloudEventFactory.build(EventTypes.MessageCreated, { recipientUserId: reader.userId });
    const second = cloudEventFactory.build(EventTypes.MessageCreated, { recipientUserId: reader.userId });
    await dispatcher.publishAndWait(first, second);
    await dispatcher.settledDeliveries(reader.userId, 2);
    const path = `/users/${reader.userId}/deliveries`;
    const own = `Bearer ${await dispatcher.bearer(reader.userId)}`;

    await request(dispatcher.http).get(path).expect(401);
    await request(dispatcher.http)
      .get(path)
      .set('Authorization', `Bearer ${await dispatcher.bearer('someone-else')}`)
      .expect(403);
    const page1 = await request(dispatcher.http).get(`${path}?limit=1`).set('Authorization', own).expect(200);
    const page2 = await request(dispatcher.http)
      .get(`${path}?limit=1&cursor=${page1.body.nextCursor}`)
      .set('Authorization', own)
      .expect(200);

    expect(page1.body.items).toEqual([expect.objectContaining({ eventId: second.id, status: 'sent' })]);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ eventId: first.id })], nextCursor: null });
    const invalid = await request(dispatcher.http)
      .get(`${path}?limit=0&cursor=abc`)
      .set('Authorization', own)
      .expect(400);
    expect(
      (invalid.body as { errors: { field: string }[] }).errors.map((error) => error.field).sort(),
    ).toEqual(['cursor', 'limit']);
  });

  it('takes over at once a notification claimed by a replica without a live lease, sends it and counts it', async () => {
    const [reader] = await profiles({});
    const mention = cloudEventFactory.build(EventTypes.MentionCreated, {
      recipientUserId: reader.userId,
      communityId: undefined,
    });
    // The state a replica leaves when it dies between claiming a delivery and recording its outcome; it holds no lease.
    const [{ id: eventRef }]: { id: string }[] = await dispatcher.dataSource.query(
      `INSERT INTO notification_events (source, event_id, type, occurred_at, data) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [mention.source, mention.id, mention.type, mention.time, JSON.stringify(mention.data)],
    );
    await dispatcher.dataSource.query(
      `INSERT INTO deliveries (event_ref, recipient_user_id, recipient_role, template, category, members_only, status,
                               attempts, claimed_at, claimed_by, claim_version)
       VALUES ($1, $2, 'recipient', 'activity.mention', 'mentions', false, 'sending', 1, now(), gen_random_uuid(), 1)`,
      [eventRef, reader.userId],
    );

    const [email] = await emailsTo(reader.email);

    expect(email.subject).toContain('mentioned you');
    expect(await dispatcher.settledDeliveries(reader.userId, 1)).toEqual([
      expect.objectContaining({ status: 'sent', sesMessageId: email.messageId }),
    ]);
    const metrics = await request(dispatcher.http).get('/metrics').expect(200);
    expect(metrics.text).toMatch(
      /dispatcher_claim_takeovers_total\{[^}]*kind="delivery"[^}]*cause="replica-lost"[^}]*\} 1/,
    );
  });
});
