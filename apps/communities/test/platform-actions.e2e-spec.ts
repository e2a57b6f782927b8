import { EventTypes } from '@notify/contracts';
import { signTestJwt, uniqueEmail, uniqueId } from '@notify/testing';
import request from 'supertest';
import { startCommunitiesApp, type CommunitiesTestApp } from './support/communities-test-app';
import { CommunityRequests } from './support/community-requests';

/** Creating a community and changing its moderators are platform actions (service token or `platform-admin`). */
describe('communities: platform actions need a service token or the platform-admin role (HTTP)', () => {
  let t: CommunitiesTestApp;
  let api: CommunityRequests;

  beforeAll(async () => {
    t = await startCommunitiesApp('platform-actions');
    api = new CommunityRequests(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const moderatorContact = () => ({
    userId: uniqueId('mod'),
    displayName: 'Marta Moderator',
    contactEmail: uniqueEmail('moderator'),
  });
  const newCommunity = (moderator = moderatorContact()) => ({
    name: 'Framework agreements',
    visibility: 'open',
    moderated: false,
    confidential: false,
    moderators: [moderator],
  });
  const create = async (token: Promise<string>, body: object = newCommunity()) =>
    request(t.http)
      .post('/communities')
      .auth(await token, { type: 'bearer' })
      .send(body);

  it('answers 403 to a plain user token, even one listing itself as the moderator, and writes nothing', async () => {
    const moderator = moderatorContact();
    const before = await t.rowCounts();

    const response = await create(t.bearer(moderator.userId, ['member']), newCommunity(moderator));

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      message: 'Only a platform service or a platform administrator may create a community',
    });
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers 401 to a user token that claims the service role, and writes nothing', async () => {
    const before = await t.rowCounts();

    const response = await create(t.bearer('portal-backend', ['service']));

    expect(response.status).toBe(401);
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers 401 to a token naming the service issuer but signed with the user secret', async () => {
    const { userSecret, serviceIssuer, audience } = t.tokens.settings;
    const forged = signTestJwt(
      { sub: 'portal-backend', roles: ['service'], issuer: serviceIssuer, audience },
      userSecret,
    );

    expect((await create(forged)).status).toBe(401);
  });

  it('creates the community for a platform administrator', async () => {
    const response = await create(t.bearer(uniqueId('admin'), ['platform-admin']));

    expect(response.status).toBe(201);
    await t.published.waitForEvent(EventTypes.CommunityCreated, { communityId: response.body.id });
  });

  it('creates the community for a platform service', async () => {
    expect((await create(t.serviceBearer())).status).toBe(201);
  });

  it('answers 403 when a moderator changes the moderators, and keeps them', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const before = await t.rowCounts();

    const response = await request(t.http)
      .patch(`/communities/${id}`)
      .auth(await t.bearer(moderator.userId), { type: 'bearer' })
      .send({ moderators: [moderator, moderatorContact()] });

    expect(response.status).toBe(403);
    expect(await t.rowCounts()).toEqual(before);
    expect(t.published.matching(EventTypes.CommunityUpdated, { communityId: id })).toHaveLength(0);
  });

  it('lets a moderator change the other settings', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });

    await request(t.http)
      .patch(`/communities/${id}`)
      .auth(await t.bearer(moderator.userId), { type: 'bearer' })
      .send({ moderated: false })
      .expect(200);
  });

  it('lets a platform administrator change the moderators', async () => {
    const { id, moderator } = await api.create({ visibility: 'restricted', moderated: true });
    const moderators = [moderator, moderatorContact()];

    await request(t.http)
      .patch(`/communities/${id}`)
      .auth(await t.bearer(uniqueId('admin'), ['platform-admin']), { type: 'bearer' })
      .send({ moderators })
      .expect(200);

    const updated = await t.published.waitForEvent(EventTypes.CommunityUpdated, { communityId: id });
    // The event lists the moderators in the service's order, not the request's.
    expect(updated.event.data.moderators).toHaveLength(moderators.length);
    expect(updated.event.data.moderators).toEqual(expect.arrayContaining(moderators));
  });
});
