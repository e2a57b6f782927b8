import request from 'supertest';
import { startModerationApp, type ModerationTestApp } from './support/moderation-test-app';
import { Seeder, type SeededCommunity } from './support/seed';

interface FieldError {
  field: string;
  messages: string[];
}

describe('moderation service rejects bad input, naming the field and writing nothing', () => {
  let t: ModerationTestApp;
  let community: SeededCommunity;
  let accessRequestId: string;
  let submissionId: string;

  beforeAll(async () => {
    t = await startModerationApp('validation');
    const seed = new Seeder(t);
    community = await seed.community();
    accessRequestId = (await seed.accessRequest(community.communityId)).id;
    submissionId = (await seed.submission(community.communityId)).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const longId = 'x'.repeat(201);
  const cases: [string, 'post' | 'get', () => string, object | undefined, string[]][] = [
    [
      'reject access request: no reason',
      'post',
      () => `/moderation/access-requests/${accessRequestId}/reject`,
      {},
      ['reason'],
    ],
    [
      'reject access request: blank reason',
      'post',
      () => `/moderation/access-requests/${accessRequestId}/reject`,
      { reason: '  ' },
      ['reason'],
    ],
    [
      'reject access request: reason too long',
      'post',
      () => `/moderation/access-requests/${accessRequestId}/reject`,
      { reason: 'x'.repeat(2001) },
      ['reason'],
    ],
    [
      'reject access request: id too long',
      'post',
      () => `/moderation/access-requests/${longId}/reject`,
      { reason: 'No' },
      ['id'],
    ],
    [
      'approve access request: unknown field',
      'post',
      () => `/moderation/access-requests/${accessRequestId}/approve`,
      { status: 'ok' },
      ['status'],
    ],
    [
      'approve access request: blank note',
      'post',
      () => `/moderation/access-requests/${accessRequestId}/approve`,
      { reason: '' },
      ['reason'],
    ],
    [
      'reject submission: no reason',
      'post',
      () => `/moderation/submissions/${submissionId}/reject`,
      {},
      ['reason'],
    ],
    [
      'reject submission: reason not text',
      'post',
      () => `/moderation/submissions/${submissionId}/reject`,
      { reason: 42 },
      ['reason'],
    ],
    [
      'approve submission: id too long',
      'post',
      () => `/moderation/submissions/${longId}/approve`,
      {},
      ['id'],
    ],
    ['queue: limit zero', 'get', () => '/moderation/queue?limit=0', undefined, ['limit']],
    ['queue: limit not a number', 'get', () => '/moderation/queue?limit=many', undefined, ['limit']],
    ['queue: limit above 200', 'get', () => '/moderation/queue?limit=201', undefined, ['limit']],
    ['queue: forged cursor', 'get', () => '/moderation/queue?cursor=abc', undefined, ['cursor']],
    ['queue: unknown parameter', 'get', () => '/moderation/queue?status=all', undefined, ['status']],
  ];

  it.each(cases)('%s → 400', async (_name, method, path, body, fields) => {
    const token = await t.bearer(community.moderator.userId);
    const before = await t.rowCounts();

    const call = request(t.http)[method](path()).auth(token, { type: 'bearer' });
    const response = await (body === undefined ? call : call.send(body));

    expect(response.status).toBe(400);
    expect((response.body.errors as FieldError[]).map((error) => error.field).sort()).toEqual(
      [...fields].sort(),
    );
    expect(await t.rowCounts()).toEqual(before);
  });

  it('run reminders: bad instant → 400', async () => {
    const before = await t.rowCounts();

    const response = await request(t.http)
      .post('/moderation/reminders/run')
      .auth(await t.serviceBearer(), { type: 'bearer' })
      .send({ at: 'yesterday' });

    expect(response.status).toBe(400);
    expect((response.body.errors as FieldError[]).map((error) => error.field)).toEqual(['at']);
    expect(await t.rowCounts()).toEqual(before);
  });

  it('leaves every item pending after the bad requests', async () => {
    expect(await t.count(`SELECT count(*) FROM moderation_items WHERE status = 'pending'`)).toBe(2);
  });
});
