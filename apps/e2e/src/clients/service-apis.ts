import type {
  Community,
  DeliveryLog,
  JoinAnswer,
  NewCommunity,
  NewSubmission,
  Preferences,
  Profile,
  QueuePage,
  SubmissionAnswer,
} from './api-types';
import { httpRequest, type HttpAnswer, type HttpRequest } from './http';

type Send = <T>(request: HttpRequest) => Promise<HttpAnswer<T>>;

const segment = encodeURIComponent;

export class CommunitiesApi {
  constructor(private readonly send: Send) {}

  create(community: NewCommunity): Promise<HttpAnswer<Community>> {
    return this.send({ method: 'POST', path: '/communities', json: community });
  }

  get(communityId: string): Promise<HttpAnswer<Community>> {
    return this.send({ method: 'GET', path: `/communities/${segment(communityId)}` });
  }

  join(communityId: string, userId: string, message?: string): Promise<HttpAnswer<JoinAnswer>> {
    return this.send({
      method: 'POST',
      path: `/communities/${segment(communityId)}/join`,
      json: { userId, message },
    });
  }

  removeMember(communityId: string, userId: string): Promise<HttpAnswer<unknown>> {
    return this.send({
      method: 'DELETE',
      path: `/communities/${segment(communityId)}/members/${segment(userId)}`,
    });
  }

  submit(communityId: string, submission: NewSubmission): Promise<HttpAnswer<SubmissionAnswer>> {
    return this.send({
      method: 'POST',
      path: `/communities/${segment(communityId)}/submissions`,
      json: submission,
    });
  }
}

export type ModerationItemKind = 'access-requests' | 'submissions';

export class ModerationApi {
  constructor(private readonly send: Send) {}

  queue(communityId?: string): Promise<HttpAnswer<QueuePage>> {
    const query = communityId ? `?communityId=${segment(communityId)}` : '';
    return this.send({ method: 'GET', path: `/moderation/queue${query}` });
  }

  approve(kind: ModerationItemKind, id: string): Promise<HttpAnswer<unknown>> {
    return this.send({ method: 'POST', path: `/moderation/${kind}/${segment(id)}/approve`, json: {} });
  }

  reject(kind: ModerationItemKind, id: string, reason: string): Promise<HttpAnswer<unknown>> {
    return this.send({ method: 'POST', path: `/moderation/${kind}/${segment(id)}/reject`, json: { reason } });
  }

  runReminders(at: Date): Promise<HttpAnswer<{ reminded: number }>> {
    return this.send({ method: 'POST', path: '/moderation/reminders/run', json: { at: at.toISOString() } });
  }
}

export class PreferencesApi {
  constructor(private readonly send: Send) {}

  getProfile(userId: string): Promise<HttpAnswer<Profile>> {
    return this.send({ method: 'GET', path: `/users/${segment(userId)}/profile` });
  }

  putProfile(userId: string, profile: Profile): Promise<HttpAnswer<Profile>> {
    return this.send({ method: 'PUT', path: `/users/${segment(userId)}/profile`, json: profile });
  }

  getPreferences(userId: string): Promise<HttpAnswer<Preferences>> {
    return this.send({ method: 'GET', path: `/users/${segment(userId)}/preferences` });
  }

  putPreferences(userId: string, preferences: Preferences): Promise<HttpAnswer<Preferences>> {
    return this.send({ method: 'PUT', path: `/users/${segment(userId)}/preferences`, json: preferences });
  }
}

export class DispatcherApi {
  constructor(private readonly send: Send) {}

  deliveries(userId: string): Promise<HttpAnswer<DeliveryLog>> {
    return this.send({ method: 'GET', path: `/users/${segment(userId)}/deliveries` });
  }

  runDigests(at: Date): Promise<HttpAnswer<unknown>> {
    return this.send({ method: 'POST', path: '/digests/run', json: { at: at.toISOString() } });
  }
}

/** The four services' REST APIs, called with one bearer token. */
export class ServiceApis {
  readonly communities: CommunitiesApi;
  readonly moderation: ModerationApi;
  readonly preferences: PreferencesApi;
  readonly dispatcher: DispatcherApi;

  constructor(
    urls: Record<'communities' | 'moderation' | 'preferences' | 'dispatcher', string>,
    token: () => Promise<string>,
  ) {
    const sender =
      (baseUrl: string): Send =>
      async <T>(request: HttpRequest) =>
        httpRequest<T>(baseUrl, { ...request, token: await token() });
    this.communities = new CommunitiesApi(sender(urls.communities));
    this.moderation = new ModerationApi(sender(urls.moderation));
    this.preferences = new PreferencesApi(sender(urls.preferences));
    this.dispatcher = new DispatcherApi(sender(urls.dispatcher));
  }
}
