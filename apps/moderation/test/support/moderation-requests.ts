import request from 'supertest';
import type { ModerationTestApp } from './moderation-test-app';

export interface QueuePageBody {
  items: { kind: string; id: string; communityId: string; communityName?: string }[];
  nextCursor: string | null;
}

/** Which kind of token a call carries: a user's, or a platform service's (then `userId` is the service id). */
export type CallerKind = 'user' | 'service';

/** The HTTP calls the scenarios make. */
export class ModerationRequests {
  constructor(private readonly t: ModerationTestApp) {}

  async decide(
    userId: string,
    path: string,
    body: object = {},
    kind: CallerKind = 'user',
  ): Promise<request.Response> {
    return request(this.t.http)
      .post(path)
      .auth(await this.token(userId, kind), { type: 'bearer' })
      .send(body);
  }

  async queue(
    userId: string,
    query: Record<string, string | number> = {},
    kind: CallerKind = 'user',
  ): Promise<QueuePageBody> {
    const response = await request(this.t.http)
      .get('/moderation/queue')
      .query(query)
      .auth(await this.token(userId, kind), { type: 'bearer' })
      .expect(200);
    return response.body as QueuePageBody;
  }

  private token(userId: string, kind: CallerKind): Promise<string> {
    return kind === 'service' ? this.t.serviceBearer(userId) : this.t.bearer(userId);
  }
}
