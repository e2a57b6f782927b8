import { uniqueId } from '@notify/testing';
import request from 'supertest';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';

interface FieldError {
  field: string;
  messages: string[];
}

const moderator = { userId: 'mod-v', displayName: 'Marta Moderator', contactEmail: 'marta@example.org' };
const validCommunity = {
  name: 'Green public procurement',
  visibility: 'open',
  moderated: false,
  confidential: false,
  moderators: [moderator],
};

describe('communities service rejects bad input, naming the field and writing nothing', () => {
  let t: CommunitiesTestApp;
  let token: string;
  let communityId: string;

  beforeAll(async () => {
    t = await startCommunitiesApp('validation');
    token = await t.serviceBearer();
    const { body } = await request(t.http)
      .post('/communities')
      .auth(token, { type: 'bearer' })
      .send(validCommunity)
      .expect(201);
    communityId = body.id;
    await request(t.http)
      .post(`/communities/${communityId}/join`)
      .auth(token, { type: 'bearer' })
      .send({ userId: 'member-v' })
      .expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  type Method = 'post' | 'patch' | 'get' | 'delete';
  const cases: [string, Method, () => string, object | undefined, string[]][] = [
    [
      'create: empty body',
      'post',
      () => '/communities',
      {},
      ['name', 'visibility', 'moderated', 'confidential', 'moderators'],
    ],
    [
      'create: unknown visibility',
      'post',
      () => '/communities',
      { ...validCommunity, visibility: 'secret' },
      ['visibility'],
    ],
    ['create: blank name', 'post', () => '/communities', { ...validCommunity, name: '   ' }, ['name']],
    [
      'create: flag as text',
      'post',
      () => '/communities',
      { ...validCommunity, moderated: 'yes' },
      ['moderated'],
    ],
    [
      'create: no moderator',
      'post',
      () => '/communities',
      { ...validCommunity, moderators: [] },
      ['moderators'],
    ],
    [
      'create: bad moderator contact',
      'post',
      () => '/communities',
      { ...validCommunity, moderators: [{ ...moderator, contactEmail: 'not-an-email' }] },
      ['moderators.0.contactEmail'],
    ],
    [
      'create: moderator without name',
      'post',
      () => '/communities',
      { ...validCommunity, moderators: [{ userId: 'm', contactEmail: 'm@example.org' }] },
      ['moderators.0.displayName'],
    ],
    [
      'create: same moderator twice',
      'post',
      () => '/communities',
      { ...validCommunity, moderators: [moderator, moderator] },
      ['moderators'],
    ],
    ['create: unknown field', 'post', () => '/communities', { ...validCommunity, owner: 'me' }, ['owner']],
    ['read: id not a UUID', 'get', () => '/communities/not-a-uuid', undefined, ['id']],
    [
      'update: unknown visibility',
      'patch',
      () => `/communities/${communityId}`,
      { visibility: 'hidden' },
      ['visibility'],
    ],
    ['update: id not a UUID', 'patch', () => '/communities/42', { name: 'x' }, ['id']],
    [
      'update: null for a setting',
      'patch',
      () => `/communities/${communityId}`,
      { name: null, visibility: null, moderated: null, confidential: null, moderators: null },
      ['name', 'visibility', 'moderated', 'confidential', 'moderators'],
    ],
    ['join: no user', 'post', () => `/communities/${communityId}/join`, {}, ['userId']],
    [
      'join: message too long',
      'post',
      () => `/communities/${communityId}/join`,
      { userId: 'u-v', message: 'x'.repeat(2001) },
      ['message'],
    ],
    ['join: id not a UUID', 'post', () => '/communities/abc/join', { userId: 'u-v' }, ['id']],
    ['remove: id not a UUID', 'delete', () => '/communities/abc/members/member-v', undefined, ['id']],
    [
      'submit: empty body',
      'post',
      () => `/communities/${communityId}/submissions`,
      {},
      ['authorId', 'title', 'url'],
    ],
    [
      'submit: url not http(s)',
      'post',
      () => `/communities/${communityId}/submissions`,
      { authorId: 'member-v', title: 'Guide', url: 'ftp://files.example.org/guide' },
      ['url'],
    ],
    [
      'submit: excerpt too long',
      'post',
      () => `/communities/${communityId}/submissions`,
      {
        authorId: 'member-v',
        title: 'Guide',
        url: 'https://portal.example.org/g',
        excerpt: 'x'.repeat(2001),
      },
      ['excerpt'],
    ],
  ];

  it.each(cases)('%s → 400', async (_name, method, path, body, fields) => {
    const before = await t.rowCounts();

    const call = request(t.http)[method](path()).auth(token, { type: 'bearer' });
    const response = await (body === undefined ? call : call.send(body));

    expect(response.status).toBe(400);
    expect((response.body.errors as FieldError[]).map((error) => error.field).sort()).toEqual(
      [...fields].sort(),
    );
    expect(response.body.message).toContain(fields[0]);
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers malformed and oversized bodies with a short error, never internals, writing nothing', async () => {
    const before = await t.rowCounts();
    const post = () =>
      request(t.http)
        .post('/communities')
        .auth(token, { type: 'bearer' })
        .set('Content-Type', 'application/json');

    const malformed = await post().send('{"name": ');
    const oversized = await post().send(JSON.stringify({ ...validCommunity, name: 'x'.repeat(10_000_000) }));

    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(oversized.status).toBe(413);
    expect(oversized.body).toEqual({
      statusCode: 413,
      message: 'Request body exceeds the limit of 256kb',
      error: 'Payload Too Large',
    });
    for (const response of [malformed, oversized]) {
      expect(response.text).not.toMatch(/\bat \S+ \(|node_modules|Error:/);
    }
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers 409 for a second pending access request, writing nothing', async () => {
    const { body } = await request(t.http)
      .post('/communities')
      .auth(token, { type: 'bearer' })
      .send({ ...validCommunity, visibility: 'restricted', moderated: true })
      .expect(201);
    const userId = uniqueId('user');
    const join = () =>
      request(t.http).post(`/communities/${body.id}/join`).auth(token, { type: 'bearer' }).send({ userId });
    expect((await join()).status).toBe(202);
    const before = await t.rowCounts();

    const second = await join();

    expect(second.status).toBe(409);
    expect(second.body.message).toBe(
      `User ${userId} already has a pending access request for community ${body.id}`,
    );
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers 404 for an unknown community, writing nothing', async () => {
    const before = await t.rowCounts();

    await request(t.http)
      .post(`/communities/${crypto.randomUUID()}/join`)
      .auth(token, { type: 'bearer' })
      .send({ userId: uniqueId('user') })
      .expect(404);

    expect(await t.rowCounts()).toEqual(before);
  });
});
