import type { ModeratorContact } from '@notify/contracts';
import { uniqueEmail, uniqueId } from '@notify/testing';
import request from 'supertest';
import type { CommunitiesTestApp } from './communities-test-app';

export interface CreatedCommunity {
  id: string;
  moderator: ModeratorContact;
}

/** The HTTP calls most scenarios start with. */
export class CommunityRequests {
  constructor(private readonly t: CommunitiesTestApp) {}

  /** Created by a platform service, with one fresh moderator. */
  async create(settings: {
    visibility: 'open' | 'restricted';
    moderated: boolean;
  }): Promise<CreatedCommunity> {
    const moderator = {
      userId: uniqueId('mod'),
      displayName: 'Marta Moderator',
      contactEmail: uniqueEmail('moderator'),
    };
    const response = await request(this.t.http)
      .post('/communities')
      .auth(await this.t.serviceBearer(), { type: 'bearer' })
      .send({ name: 'Green public procurement', confidential: false, moderators: [moderator], ...settings })
      .expect(201);
    return { id: response.body.id as string, moderator };
  }

  /** The user joins on their own behalf. */
  async join(communityId: string, userId: string, message?: string): Promise<request.Response> {
    return request(this.t.http)
      .post(`/communities/${communityId}/join`)
      .auth(await this.t.bearer(userId), { type: 'bearer' })
      .send({ userId, message });
  }

  /** `caller` submits (by default the author themselves). */
  async submit(
    communityId: string,
    submission: { authorId: string; title: string; url: string; excerpt?: string },
    caller = submission.authorId,
  ): Promise<request.Response> {
    return request(this.t.http)
      .post(`/communities/${communityId}/submissions`)
      .auth(await this.t.bearer(caller), { type: 'bearer' })
      .send(submission);
  }

  async isMember(communityId: string, userId: string): Promise<boolean> {
    const sql = 'SELECT count(*) FROM memberships WHERE community_id = $1 AND user_id = $2';
    return (await this.t.count(sql, [communityId, userId])) === 1;
  }
}
