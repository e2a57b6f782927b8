import { OtlpCollector, SERVICES, useSystem, type CollectedSpan, type SystemOptions } from '../src';
import { waitFor } from '@notify/testing';

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

const collector = new OtlpCollector();
const options: SystemOptions = {};
beforeAll(async () => {
  const endpoint = await collector.start();
  options.environment = Object.fromEntries(
    SERVICES.map((service) => [service, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }]),
  );
});
afterAll(() => collector.stop());

const suite = useSystem('tracing', options);

/** The span and its ancestors, nearest first, as far as the collected spans reach. */
function ancestry(span: CollectedSpan, spans: readonly CollectedSpan[]): CollectedSpan[] {
  const chain = [span];
  for (let parent = spans.find((s) => s.spanId === span.parentSpanId); parent;) {
    chain.push(parent);
    const current: CollectedSpan = parent;
    parent = spans.find((s) => s.spanId === current.parentSpanId);
  }
  return chain;
}

describe('tracing across the services', () => {
  it(
    'follows a REST call through the outbox, Kafka and the dispatcher to the SES send in one trace',
    suite.scenario(async (world) => {
      const moderator = await world.people.registerModerator({
        label: 'traced',
        preferences: { communityActivity: 'immediately' },
      });
      const member = await world.people.register({ label: 'member' });
      const community = await world.createCommunity({
        label: 'Traced',
        visibility: 'open',
        moderated: false,
        moderators: [moderator],
      });

      expect((await member.api.communities.join(community.id, member.userId)).status).toBe(201);
      expect((await moderator.mailbox.takeOne()).subject).toBe(
        `${member.displayName} joined ${community.name}`,
      );

      // Spans leave each service in batches, every few seconds.
      const send = await waitFor(
        () =>
          Promise.resolve(
            collector.spans.find((span) => span.service === 'dispatcher' && span.name === 'ses send'),
          ),
        { description: 'the SES send span', timeoutMs: 20_000 },
      );
      const trace = await waitFor(
        () => {
          const spans = collector.trace(send.traceId);
          return Promise.resolve(
            ancestry(send, spans).some((span) => span.kind === SERVER) ? spans : undefined,
          );
        },
        { description: 'the whole trace of the send', timeoutMs: 20_000 },
      );

      const chain = ancestry(send, trace).map((span) => `${span.service} ${span.kind} ${span.name}`);
      expect(chain[0]).toBe(`dispatcher ${CLIENT} ses send`);
      expect(chain).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^communities ${PRODUCER} send .*communities\\.events\\.v1$`)),
          expect.stringMatching(/^communities 1 outbox write /),
          expect.stringMatching(new RegExp(`^communities ${SERVER} POST`)),
        ]),
      );
      const producer = trace.find((span) => span.kind === PRODUCER)!;
      const consumer = trace.find((span) => span.service === 'dispatcher' && span.kind === CONSUMER);
      expect(consumer).toMatchObject({
        name: expect.stringMatching(/^process /),
        parentSpanId: producer.spanId,
      });
      expect(trace.some((span) => span.service === 'dispatcher' && span.name.startsWith('pg'))).toBe(true);
      expect(new Set(trace.map((span) => span.traceId))).toEqual(new Set([send.traceId]));
    }),
  );
});
