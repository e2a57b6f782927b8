import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { sessionCookieFor, startConsolePages } from '../../test/support/console-page-app';
import { UserActionsService } from './user-actions.service';
import { UserOverviewService } from './user-overview.service';
import type { DeliveryPreview } from './user-records';
import { UsersController } from './users.controller';

const PREVIEWS: Record<string, DeliveryPreview> = {
  '41': {
    deliveryId: '41',
    template: 'activity.mention',
    status: 'sent',
    digestItem: false,
    available: true,
    language: 'fr',
    subject: 'Ada vous a mentionné',
    html: '<html lang="fr"><body><p>Bonjour &amp; &lt;b&gt;</p></body></html>',
    text: 'Bonjour <Jean>',
  },
  '42': {
    deliveryId: '42',
    template: 'activity.comment',
    status: 'sent',
    digestItem: true,
    available: false,
    reason: 'content-erased',
  },
};

describe('GET /users/{userId}/deliveries/{deliveryId}/preview', () => {
  let app: INestApplication;
  const asked: string[] = [];

  beforeAll(async () => {
    const users: Pick<UserOverviewService, 'deliveryPreview'> = {
      deliveryPreview: (userId, deliveryId) => {
        asked.push(`${userId}/${deliveryId}`);
        return Promise.resolve(userId === 'user-1' ? PREVIEWS[deliveryId] : undefined);
      },
    };
    app = await startConsolePages(
      [UsersController],
      [
        { provide: UserOverviewService, useValue: users },
        { provide: UserActionsService, useValue: {} },
      ],
    );
  });

  afterAll(() => app.close());

  /** The response to a GET by a staff member with these roles, or by a visitor without a session. */
  async function get(path: string, roles: string[] | undefined, status: number): Promise<request.Response> {
    const cookie = roles ? await sessionCookieFor(roles) : undefined;
    const call = request(app.getHttpServer()).get(path);
    return (cookie ? call.set('Cookie', cookie) : call).expect(status);
  }

  it('shows support the re-render, marked as such, in a sandboxed frame under a strict CSP', async () => {
    const response = await get('/users/user-1/deliveries/41/preview', ['support'], 200);

    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).not.toContain('script-src');
    expect(response.text).toContain('This is a re-render, not the email as sent.');
    expect(response.text).toContain('<h1>Delivery 41: re-rendered preview</h1>');
    expect(response.text).toContain('sandbox=""');
    // The HTML part travels as an attribute value: escaped once more, so it cannot leave the srcdoc.
    expect(response.text).toContain(
      'srcdoc="&lt;html lang&#x3D;&quot;fr&quot;&gt;&lt;body&gt;&lt;p&gt;Bonjour &amp;amp;',
    );
    expect(response.text).toContain('Bonjour &lt;Jean&gt;');
    expect(response.text).toContain('Ada vous a mentionné');
    expect(asked).toContain('user-1/41');
  });

  it('says why an email cannot be rendered again, and that it went out in a digest', async () => {
    const response = await get('/users/user-1/deliveries/42/preview', ['operator'], 200);

    expect(response.text).toContain('No preview: this email cannot be rendered again.');
    expect(response.text).toContain('erased by retention');
    expect(response.text).toContain('one line of a digest email');
    expect(response.text).not.toContain('<iframe');
  });

  it.each([
    ['a delivery the user does not have', '/users/user-1/deliveries/99/preview', 404],
    ['another user', '/users/user-2/deliveries/41/preview', 404],
    ['a delivery id that is not a number', '/users/user-1/deliveries/abc/preview', 400],
  ])('answers an error page for %s', async (_case, path, status) => {
    const response = await get(path, ['support'], status);

    expect(response.headers['content-type']).toContain('text/html');
  });

  it('refuses a signed-in user who is neither support nor operator', async () => {
    await get('/users/user-1/deliveries/41/preview', ['service'], 403);
  });

  it('sends a visitor without a session to sign in', async () => {
    const response = await get('/users/user-1/deliveries/41/preview', undefined, 303);

    expect(response.headers.location).toBe(
      `/sign-in?returnTo=${encodeURIComponent('/users/user-1/deliveries/41/preview')}`,
    );
  });
});
