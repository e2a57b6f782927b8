import type { INestApplication } from '@nestjs/common';
import { Topics } from '@notify/contracts';
import { DeadLetterTool, type DeadLetterPageRequest } from '@notify/messaging';
import request from 'supertest';
import { sessionCookieFor, startConsolePages } from '../../test/support/console-page-app';
import { AuditService } from '../audit/audit.service';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

/** A topic of thousands of dead letters on one partition: pages are served from offsets, never read whole. */
class FakeTool {
  readonly requests: { topic: string; request: DeadLetterPageRequest }[] = [];

  page(topic: string, request: DeadLetterPageRequest) {
    this.requests.push({ topic, request });
    const top =
      request.before?.get(0) ?? (request.after ? request.after.get(0)! + BigInt(request.size) : 5000n);
    const offsets = Array.from({ length: request.size }, (_, i) => top - 1n - BigInt(i));
    return Promise.resolve({
      entries: offsets.map((offset) => ({
        partition: 0,
        offset: String(offset),
        key: null,
        value: Buffer.from('{}'),
        headers: {},
        eventId: `evt-${offset}`,
        reason: 'handler-failed',
        error: 'boom',
        failedAt: new Date(Date.UTC(2026, 0, 1) + Number(offset) * 1000),
      })),
      older: offsets.at(-1)! > 0n ? new Map([[0, offsets.at(-1)!]]) : undefined,
      newer: top < 5000n ? new Map([[0, top]]) : undefined,
    });
  }
}

describe('GET /dead-letters/{topic}: pages', () => {
  let app: INestApplication;
  const tool = new FakeTool();
  const topic = Topics.PlatformActivity;

  beforeAll(async () => {
    app = await startConsolePages(
      [DeadLettersController],
      [
        DeadLettersService,
        { provide: DeadLetterTool, useValue: tool },
        { provide: AuditService, useValue: {} },
      ],
      { CONSOLE_PAGE_SIZE: 25 },
    );
  });

  afterAll(() => app.close());

  async function get(query: string, status = 200): Promise<string> {
    const response = await request(app.getHttpServer())
      .get(`/dead-letters/${topic}${query}`)
      .set('Cookie', await sessionCookieFor(['support']))
      .expect(status);
    return response.text;
  }

  it('shows the newest page of at most CONSOLE_PAGE_SIZE dead letters, with a link to older ones only', async () => {
    const html = await get('');

    expect(tool.requests.at(-1)).toEqual({ topic, request: { size: 25 } });
    expect(html.match(/<tr>/g)).toHaveLength(26);
    expect(html).toContain('evt-4999');
    expect(html).toContain(`href="/dead-letters/${topic}?before=0:4975"`);
    expect(html).not.toContain('Newer dead letters');
  });

  it('follows an older link, and offers the way back', async () => {
    const html = await get('?before=0:4975');

    expect(tool.requests.at(-1)?.request).toEqual({ size: 25, before: new Map([[0, 4975n]]) });
    expect(html).toContain('evt-4974');
    expect(html).toContain(`href="/dead-letters/${topic}?after=0:4975"`);
    expect(html).toContain(`href="/dead-letters/${topic}?before=0:4950"`);
  });

  it('follows a newer link', async () => {
    await get('?after=0:4950');

    expect(tool.requests.at(-1)?.request).toEqual({ size: 25, after: new Map([[0, 4950n]]) });
  });

  it.each([
    ['both bounds', '?before=0:10&after=0:5', 400],
    ['a malformed bound', '?before=0;10', 400],
    ['a negative offset', '?after=0:-5', 400],
  ])('refuses %s', async (_case, query, status) => {
    const before = tool.requests.length;
    await get(query, status);

    expect(tool.requests).toHaveLength(before);
  });

  it('answers 404 for a topic that is not one of the platform topics', async () => {
    await request(app.getHttpServer())
      .get('/dead-letters/no.such.topic')
      .set('Cookie', await sessionCookieFor(['support']))
      .expect(404);
  });
});
