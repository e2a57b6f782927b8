import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  EventTypes,
  Topics,
  type CloudEvent,
  type MentionCreatedData,
  type TypedCloudEvent,
} from '@notify/contracts';
import type { EntityManager } from 'typeorm';
import { EventConsumer, OnEvent } from './event-consumer.decorator';
import type { MessageContext } from './handler-context';
import { HandlerExplorer } from './handler-explorer.service';
import { HandlerConflictError, HandlerRegistry } from './handler-registry';

@Injectable()
class MentionService {
  readonly seen: string[] = [];

  record(id: string): Promise<void> {
    this.seen.push(id);
    return Promise.resolve();
  }
}

@Injectable()
@EventConsumer({ topic: Topics.PlatformActivity, ignore: [EventTypes.MessageCreated] })
class ActivityConsumer {
  constructor(private readonly mentions: MentionService) {}

  @OnEvent(EventTypes.MentionCreated)
  onMention(event: TypedCloudEvent<typeof EventTypes.MentionCreated>, _tx: EntityManager): Promise<void> {
    return this.mentions.record(event.data.mentionId);
  }

  @OnEvent(EventTypes.UserUpserted)
  onUser(_event: CloudEvent<unknown>, _tx: EntityManager, _context: MessageContext): Promise<void> {
    return Promise.resolve();
  }

  notAHandler(): void {}
}

@Injectable()
@EventConsumer({ topic: Topics.PlatformActivity })
class SecondMentionConsumer {
  @OnEvent(EventTypes.MentionCreated)
  onMention(): Promise<void> {
    return Promise.resolve();
  }
}

class TypeChecks {
  // @ts-expect-error a handler's event must match the type it is registered for
  @OnEvent(EventTypes.UserUpserted)
  wrongPayload(_event: CloudEvent<MentionCreatedData>): Promise<void> {
    return Promise.resolve();
  }

  // @ts-expect-error a handler must return a promise
  @OnEvent(EventTypes.UserUpserted)
  synchronous(): void {}
}

async function explore(...consumers: (new (...args: never[]) => object)[]) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [MentionService, HandlerRegistry, HandlerExplorer, ...consumers],
  }).compile();
  return { moduleRef, explorer: moduleRef.get(HandlerExplorer) };
}

describe('HandlerExplorer', () => {
  it('registers @OnEvent methods of @EventConsumer providers, bound to their instance, and the ignore list', async () => {
    const { moduleRef, explorer } = await explore(ActivityConsumer);

    const routes = explorer.explore().routes(Topics.PlatformActivity);

    expect([...routes.handlers.keys()].sort()).toEqual(
      [EventTypes.MentionCreated, EventTypes.UserUpserted].sort(),
    );
    expect([...routes.ignored]).toEqual([EventTypes.MessageCreated]);
    const mention = routes.handlers.get(EventTypes.MentionCreated);
    expect(mention?.name).toBe('ActivityConsumer.onMention');
    await mention?.handle({ data: { mentionId: 'm-1' } } as never, {} as EntityManager, {} as MessageContext);
    expect(moduleRef.get(MentionService).seen).toEqual(['m-1']);
  });

  it('fails at start-up when two consumers handle the same type on the same topic', async () => {
    const { explorer } = await explore(ActivityConsumer, SecondMentionConsumer);

    expect(() => explorer.explore()).toThrow(HandlerConflictError);
  });

  it('keeps the type-check fixtures referenced', () => {
    expect(TypeChecks.name).toBe('TypeChecks');
  });
});
