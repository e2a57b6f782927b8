import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  EVENT_CATALOG,
  EventTypes,
  readValidPayload,
  Topics,
  UserUpsertedData,
  validatePayload,
  type TypedCloudEvent,
} from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { EntityManager } from 'typeorm';
import { EventConsumer, EventContext, EventTransport, type MessageContext } from '../src';
import { HandlerRegistry } from '../src/consumer/handler-registry';
import { PayloadValidator } from '../src/consumer/payload-validator';
import { MessagingLifecycle } from '../src/messaging.lifecycle';

// Per-event cost of handler validation + invocation: the former path (class-validator via `validatePayload`, then
// the bound method) against the transport's (`PayloadValidator`, then Nest's pattern handler with its context); and
// the two ways `PayloadValidator` validates: `readValidPayload` for a valid payload, the `ValidationPipe` otherwise.
const ITERATIONS = 20_000;
const ROUNDS = 5;

@EventConsumer({ topic: Topics.PlatformActivity })
class BenchConsumer {
  handled = 0;

  @EventPattern(EventTypes.UserUpserted)
  onUpserted(@Payload() _data: UserUpsertedData, @Ctx() _ctx: EventContext): Promise<void> {
    this.handled += 1;
    return Promise.resolve();
  }

  onUpsertedFormerly(
    _event: TypedCloudEvent<typeof EventTypes.UserUpserted>,
    _tx: EntityManager,
    _context: MessageContext,
  ): Promise<void> {
    this.handled += 1;
    return Promise.resolve();
  }
}

type Path = () => Promise<void>;

async function nsPerEvent(path: Path): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < ITERATIONS; index += 1) {
    await path();
  }
  return Number(process.hrtime.bigint() - started) / ITERATIONS;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('handler invocation overhead', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [BenchConsumer],
      providers: [
        HandlerRegistry,
        EventTransport,
        { provide: MessagingLifecycle, useValue: { startConsumer: () => undefined } },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.connectMicroservice({ strategy: app.get(EventTransport) });
    await app.init();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    await app.close();
  });

  it('measures the former and the transport path, alternating rounds', async () => {
    const event = sampleCloudEvent(EventTypes.UserUpserted);
    const tx = {} as EntityManager;
    const context: MessageContext = {
      topic: Topics.PlatformActivity,
      partition: 0,
      offset: '1',
      key: 'user-1',
      groupId: 'bench',
      attempt: 1,
      beforeCommit: () => undefined,
    };
    const consumer = app.get(BenchConsumer);
    const formerHandle = consumer.onUpsertedFormerly.bind(consumer);
    const handler = app
      .get(HandlerRegistry)
      .routes(Topics.PlatformActivity)
      .handlers.get(EventTypes.UserUpserted)!;
    const payloads = new PayloadValidator();
    const pipe = new ValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: true });
    const payloadClass = EVENT_CATALOG[event.type].payload;
    const paths: Record<string, Path> = {
      'invoke, former': () => formerHandle(event, tx, context),
      'invoke, transport': () => handler.handle(event, tx, context),
      'validate+invoke, former': async () => {
        await validatePayload(event.type, event.data);
        await formerHandle(event, tx, context);
      },
      'validate+invoke, transport': async () => {
        await payloads.validate(event.type, event.data);
        await handler.handle(event, tx, context);
      },
      'validate, readValidPayload': () => {
        readValidPayload(payloadClass, event.data);
        return Promise.resolve();
      },
      'validate, ValidationPipe': async () => {
        await pipe.transform(event.data, { type: 'body', metatype: payloadClass });
      },
    };
    for (const path of Object.values(paths)) {
      await nsPerEvent(path);
    }
    const samples: Record<string, number[]> = Object.fromEntries(
      Object.keys(paths).map((name) => [name, []]),
    );
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, path] of Object.entries(paths)) {
        samples[name].push(await nsPerEvent(path));
      }
    }
    const medians = Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [name, median(values)]),
    );
    process.stdout.write(
      `${JSON.stringify({ iterations: ITERATIONS, rounds: ROUNDS, samplesNs: samples, medianNs: medians }, null, 2)}\n`,
    );

    expect(consumer.handled).toBeGreaterThan(ROUNDS * ITERATIONS * 4);
    expect(readValidPayload(payloadClass, event.data)).toBeInstanceOf(payloadClass);
  });
});
