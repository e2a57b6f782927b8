import { EventTypes } from '@notify/contracts';
import { sampleCloudEvent } from '@notify/testing';
import type { MessageContext } from '@notify/messaging';
import type { EntityManager } from 'typeorm';
import type { KnownEvent } from '../policy/notifiable-event';
import type { ReadModelProjector } from '../read-models/read-model-projector.service';
import { EventIntake } from './event-intake.service';
import type { NotificationPlanner } from './notification-planner.service';

describe('EventIntake', () => {
  const steps: string[] = [];
  let deferred: (() => Promise<void>)[];
  let intake: EventIntake;

  const tx = (): EntityManager => ({}) as EntityManager;
  const context = (): MessageContext => ({
    topic: 'platform.activity.v1',
    partition: 0,
    offset: '0',
    key: null,
    groupId: 'dispatcher',
    attempt: 1,
    beforeCommit: (task) => {
      deferred.push(task);
    },
  });
  const commit = async (): Promise<void> => {
    for (const task of deferred) {
      await task();
    }
  };
  const mention = (id: string): KnownEvent => sampleCloudEvent(EventTypes.MentionCreated, { id });
  const joined = (id: string): KnownEvent => sampleCloudEvent(EventTypes.MemberJoined, { id });

  beforeEach(() => {
    steps.length = 0;
    deferred = [];
    const projector = {
      apply: jest.fn((event: KnownEvent) => {
        steps.push(`project ${event.id}`);
        return Promise.resolve();
      }),
    };
    const planner = {
      plan: jest.fn((events: KnownEvent[]) => {
        steps.push(`plan ${events.map((event) => event.id).join(',')}`);
        return Promise.resolve();
      }),
    };
    intake = new EventIntake(
      projector as unknown as ReadModelProjector,
      planner as unknown as NotificationPlanner,
    );
  });

  it("plans a transaction's notifiable events together, just before it commits", async () => {
    const shared = tx();

    await intake.handle(mention('m1'), shared, context());
    await intake.handle(mention('m2'), shared, context());
    expect(steps).toEqual([]);
    await commit();

    expect(steps).toEqual(['plan m1,m2']);
    expect(deferred).toHaveLength(1);
  });

  it('plans what was queued before a read-model change, so each event meets the state it came after', async () => {
    const shared = tx();

    await intake.handle(mention('m1'), shared, context());
    await intake.handle(joined('j1'), shared, context());
    await intake.handle(mention('m2'), shared, context());
    await commit();

    expect(steps).toEqual(['plan m1', 'project j1', 'plan j1,m2']);
  });

  it('keeps the events of different transactions apart', async () => {
    const first = tx();
    const second = tx();

    await intake.handle(mention('m1'), first, context());
    await intake.handle(mention('m2'), second, context());
    await commit();

    expect(steps).toEqual(['plan m1', 'plan m2']);
  });
});
