import { type CanActivate, type INestApplication, type Type, UseGuards } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  EventTypes,
  MentionCreatedData,
  Topics,
  UserDeletedData,
  UserUpsertedData,
  encodeBinary,
  type EventType,
} from '@notify/contracts';
import { recordingDataSource, sampleCloudEvent } from '@notify/testing';
import type { EntityManager } from 'typeorm';
import { MessagingLifecycle } from './messaging.lifecycle';
import { resolveMessagingOptions } from './messaging.options';
import { NoopMessagingMetrics } from './metrics/messaging-metrics';
import { EventConsumer } from './consumer/event-consumer.decorator';
import { EventContext } from './consumer/event-context';
import { EventTransport } from './event-transport';
import type { MessageContext } from './consumer/handler-context';
import { HandlerInvoker } from './consumer/handler-invoker';
import { HandlerConflictError, HandlerRegistry } from './consumer/handler-registry';
import { MessageRouter } from './consumer/message-router';
import { PayloadValidator } from './consumer/payload-validator';

class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.MessageCreated] })
class UsersConsumer {
  static readonly calls: { data: unknown; ctx: EventContext }[] = [];
  static failure?: Error;

  @EventPattern(EventTypes.UserUpserted)
  onUpserted(@Payload() data: UserUpsertedData, @Ctx() ctx: EventContext): Promise<void> {
    UsersConsumer.calls.push({ data, ctx });
    return UsersConsumer.failure ? Promise.reject(UsersConsumer.failure) : Promise.resolve();
  }

  @EventPattern(EventTypes.UserDeleted)
  @UseGuards(DenyAll)
  onDeleted(@Payload() _data: UserDeletedData): Promise<void> {
    return Promise.resolve();
  }
}

const tx = { marker: 'tx' } as unknown as EntityManager;
const coordinates = {
  topic: Topics.PlatformActivity,
  partition: 2,
  offset: '7',
  key: 'user-1',
  groupId: 'g',
};
const message: MessageContext = { ...coordinates, attempt: 1, beforeCommit: jest.fn() };

async function startWith(
  controllers: Type[],
): Promise<{ app: INestApplication; registry: HandlerRegistry; started: string[][] }> {
  const started: string[][] = [];
  const startConsumer = (topics: string[]): number => started.push(topics);
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [
      HandlerRegistry,
      EventTransport,
      { provide: MessagingLifecycle, useValue: { startConsumer } },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.connectMicroservice({ strategy: app.get(EventTransport) });
  await app.init();
  try {
    await app.startAllMicroservices();
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, registry: app.get(HandlerRegistry), started };
}

function handlerOf(registry: HandlerRegistry, type: EventType) {
  const handler = registry.routes(Topics.PlatformActivity).handlers.get(type);
  if (!handler) {
    throw new Error(`no handler for ${type}`);
  }
  return handler;
}

describe('EventTransport', () => {
  let app: INestApplication;
  let registry: HandlerRegistry;
  let started: string[][];

  beforeAll(async () => {
    ({ app, registry, started } = await startWith([UsersConsumer]));
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    UsersConsumer.calls.length = 0;
    UsersConsumer.failure = undefined;
  });

  it('routes each @EventPattern of an @EventConsumer to Nest, with the topic it ignores, then starts the consumer', () => {
    const routes = registry.routes(Topics.PlatformActivity);

    expect([...routes.handlers.keys()].sort()).toEqual([EventTypes.UserDeleted, EventTypes.UserUpserted]);
    expect(routes.handlers.get(EventTypes.UserUpserted)?.name).toBe('UsersConsumer.onUpserted');
    expect([...routes.ignored]).toEqual([EventTypes.MessageCreated]);
    expect(started).toEqual([[Topics.PlatformActivity]]);
  });

  it('hands the handler the payload and a context with the transaction and the event metadata', async () => {
    const event = { ...sampleCloudEvent(EventTypes.UserUpserted), traceparent: '00-abc-def-01' };

    await handlerOf(registry, EventTypes.UserUpserted).handle(event, tx, { ...message, attempt: 3 });

    const [{ data, ctx }] = UsersConsumer.calls;
    expect(data).toBe(event.data);
    expect(ctx).toBeInstanceOf(EventContext);
    expect(ctx.tx).toBe(tx);
    expect(ctx.metadata).toEqual({
      id: event.id,
      type: EventTypes.UserUpserted,
      source: event.source,
      time: event.time,
      subject: event.subject,
      traceparent: '00-abc-def-01',
      ...coordinates,
      attempt: 3,
    });
  });

  it('rejects with the very error the handler threw, not Nest generic RPC error', async () => {
    const failure = new Error('profile store unavailable');
    UsersConsumer.failure = failure;

    await expect(
      handlerOf(registry, EventTypes.UserUpserted).handle(
        sampleCloudEvent(EventTypes.UserUpserted),
        tx,
        message,
      ),
    ).rejects.toBe(failure);
  });

  it('applies guards: a refused event fails like a handler error', async () => {
    await expect(
      handlerOf(registry, EventTypes.UserDeleted).handle(
        sampleCloudEvent(EventTypes.UserDeleted),
        tx,
        message,
      ),
    ).rejects.toThrow('Forbidden resource');
  });

  it('hands a handler error to the retries, and the last one to the dead letter, unchanged', async () => {
    const failure = new Error('profile store unavailable');
    UsersConsumer.failure = failure;
    const { dataSource } = recordingDataSource(tx, () => Promise.resolve([{ '?column?': 1 }]));
    const options = resolveMessagingOptions({
      clientId: 'c',
      brokers: ['127.0.0.1:9092'],
      source: 'urn:test',
      retry: { attempts: 3, initialMs: 1, maxMs: 2 },
    });
    const invoker = new HandlerInvoker(
      options,
      dataSource,
      { claim: jest.fn().mockResolvedValue(true), claimMany: jest.fn() },
      new NoopMessagingMetrics(),
    );
    const control = { signal: new AbortController().signal, shouldContinue: () => true };

    const outcome = await invoker.invoke(
      sampleCloudEvent(EventTypes.UserUpserted),
      handlerOf(registry, EventTypes.UserUpserted),
      coordinates,
      control,
    );

    expect(outcome).toEqual({ kind: 'failed', error: failure });
    expect(UsersConsumer.calls.map(({ ctx }) => ctx.metadata.attempt)).toEqual([1, 2, 3]);
  });

  it('dead-letters a payload the ValidationPipe refuses, naming the field, without calling the handler', async () => {
    const router = new MessageRouter(registry, new PayloadValidator());
    const event = sampleCloudEvent(EventTypes.UserUpserted);
    const record = encodeBinary({ ...event, data: { ...event.data, email: 'not-an-email' } }, 'user-1');

    await expect(router.route(Topics.PlatformActivity, record)).resolves.toMatchObject({
      kind: 'dead-letter',
      reason: 'invalid-payload',
      error: expect.stringContaining('email (email must be an email address)') as unknown,
    });
    expect(UsersConsumer.calls).toHaveLength(0);
  });
});

describe('EventTransport start-up checks', () => {
  it('refuses a @Payload() class other than the contract class of the event type', async () => {
    @EventConsumer({ topic: Topics.PlatformActivity })
    class WrongPayload {
      @EventPattern(EventTypes.UserUpserted)
      on(@Payload() _data: MentionCreatedData): Promise<void> {
        return Promise.resolve();
      }
    }

    await expect(startWith([WrongPayload])).rejects.toThrow(
      'WrongPayload.on declares @Payload() as MentionCreatedData; platform.user.upserted carries UserUpsertedData',
    );
  });

  it('refuses an event type published on another topic than the consumer reads', async () => {
    @EventConsumer({ topic: Topics.CommunityEvents })
    class WrongTopic {
      @EventPattern(EventTypes.UserUpserted)
      on(): Promise<void> {
        return Promise.resolve();
      }
    }

    await expect(startWith([WrongTopic])).rejects.toThrow(HandlerConflictError);
  });

  it('refuses an @EventPattern outside an @EventConsumer class', async () => {
    @Controller()
    class Stray {
      @EventPattern(EventTypes.UserUpserted)
      on(): Promise<void> {
        return Promise.resolve();
      }
    }

    await expect(startWith([Stray])).rejects.toThrow(
      'patterns outside an @EventConsumer class: platform.user.upserted',
    );
  });

  it('refuses a type that is both handled and ignored', async () => {
    @EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.UserUpserted] })
    class HandlesIgnored {
      @EventPattern(EventTypes.UserUpserted)
      on(): Promise<void> {
        return Promise.resolve();
      }
    }

    await expect(startWith([HandlesIgnored])).rejects.toThrow('both ignored and handled');
  });
});
