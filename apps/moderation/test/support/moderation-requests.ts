import request from 'supertest';
import type { ModerationTestApp } from './moderation-test-app';

export interface QueuePageBody {
  items: { kind: string; id: string; communityId: string; communityName?: string }[];
  nextCursor: string | null;
}

/** The HTTP calls the scenarios make. */
export class ModerationRequests {
  constructor(private readonly t: ModerationTestApp) {}

  async decide(userId: string, path: string, body: object = {}, roles?: string[]): Promise<request.Response> {
    return request(this.t.http)
      .post(path)
      .auth(await this.t.bearer(userId, roles), { type: 'bearer' })
      .send(body);
  }

  async queue(
    userId: string,
    query: Record<string, string | number> = {},
    roles?: string[],
  ): Promise<QueuePageBody> {
    const response = await request(this.t.http)
      .get('/moderation/queue')
      .query(query)
      .auth(await this.t.bearer(userId, roles), { type: 'bearer' })
      .expect(200);
    return response.body as QueuePageBody;
  }
}
