import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { sessionCookieFor, startConsolePages } from '../../test/support/console-page-app';
import type { UpstreamCall } from '../upstream/upstream.client';
import { UpstreamClient } from '../upstream/upstream.client';
import { CommunitiesController } from './communities.controller';
import { CommunityOverviewService } from './community-overview.service';
import type { Community, PendingPage, SentReminders } from './community-records';

const COMMUNITY: Community = {
  id: 'community-1',
  name: 'School meals',
  visibility: 'restricted',
  moderated: true,
  confidential: false,
  moderators: [{ userId: 'mod-1', displayName: 'Marta Moderator', contactEmail: 'marta@example.org' }],
  createdAt: '2026-03-01T00:00:00Z',
};

const REMINDERS: SentReminders = {
  items: [
    {
      kind: 'submission',
      id: 'submission-1',
      requesterId: 'author-1',
      title: 'Tender <notes>',
      pendingSince: '2026-03-01T10:00:00Z',
      remindedAt: '2026-03-03T10:05:00Z',
      status: 'approved',
      decidedAt: '2026-03-03T12:00:00Z',
    },
    {
      kind: 'access-request',
      id: 'request-1',
      requesterId: 'applicant-1',
      message: 'I buy for a city',
      pendingSince: '2026-03-01T08:00:00Z',
      remindedAt: '2026-03-03T08:00:00Z',
      status: 'pending',
    },
  ],
  more: true,
};

/** The services' answers: community-1 is known everywhere, community-2 to communities only. */
class FakeUpstream {
  readonly paths: string[] = [];

  find<T>(service: string, path: string): Promise<T | undefined> {
    this.paths.push(`${service} ${path}`);
    if (path.startsWith('/communities/')) {
      return Promise.resolve(
        (path.endsWith('community-2') ? { ...COMMUNITY, id: 'community-2' } : COMMUNITY) as T,
      );
    }
    return Promise.resolve(
      (path.includes('communityId=community-1') ? REMINDERS : undefined) as T | undefined,
    );
  }

  call<T>(service: string, { path }: UpstreamCall): Promise<T> {
    this.paths.push(`${service} ${path}`);
    return Promise.resolve({ items: [], nextCursor: null } satisfies PendingPage as T);
  }
}

describe('GET /communities/{id}: reminders sent', () => {
  let app: INestApplication;
  const upstream = new FakeUpstream();

  beforeAll(async () => {
    app = await startConsolePages(
      [CommunitiesController],
      [CommunityOverviewService, { provide: UpstreamClient, useValue: upstream }],
      { CONSOLE_PAGE_SIZE: 20 },
    );
  });

  afterAll(() => app.close());

  async function page(communityId: string): Promise<string> {
    const response = await request(app.getHttpServer())
      .get(`/communities/${communityId}`)
      .set('Cookie', await sessionCookieFor(['support']))
      .expect(200);
    return response.text;
  }

  it("lists moderation's reminders, latest first, with how long each item waited and what became of it", async () => {
    const html = await page('community-1');

    expect(upstream.paths).toContain('moderation /moderation/reminders?communityId=community-1&limit=20');
    const section = html.slice(html.indexOf('<h2 id="reminders-heading">'));
    expect(section).toContain('href="/users/author-1"');
    expect(section.indexOf('Tender &lt;notes&gt;')).toBeLessThan(section.indexOf('I buy for a city'));
    expect(section).toContain('2 d 0 h');
    expect(section).toContain('decided 2026-03-03T12:00:00Z');
    expect(section).toContain('pending');
    expect(section).toContain('Older reminders were sent than shown here.');
  });

  it('says no reminder was sent where moderation knows none', async () => {
    const html = await page('community-2');

    expect(html).toContain('No reminder has been sent in this community.');
    expect(html).not.toContain('data-testid="reminders"');
  });
});
