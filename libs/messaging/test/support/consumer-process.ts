import 'reflect-metadata';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { messagingAppModule, startApp } from './messaging-app';
import { UserActivityConsumer } from './user-activity.consumer';

/** Runs after the backbone stopped (its hooks run earlier), so "stopped" means a completed graceful shutdown. */
@Injectable()
class ShutdownReporter implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    process.stdout.write('stopped\n');
  }
}

// A service-like process for crash tests: configured through its environment, it prints "ready" once consuming.
async function main(): Promise<void> {
  const { CHILD_SCHEMA, CHILD_PREFIX, CHILD_GROUP, CHILD_HANDLER_DELAY_MS, CHILD_COMMIT_INTERVAL_MS } =
    process.env;
  if (!CHILD_SCHEMA || !CHILD_PREFIX || !CHILD_GROUP) {
    throw new Error('CHILD_SCHEMA, CHILD_PREFIX and CHILD_GROUP are required');
  }
  UserActivityConsumer.delayMs = Number(CHILD_HANDLER_DELAY_MS ?? 0);
  await startApp(
    messagingAppModule({
      schema: CHILD_SCHEMA,
      topicPrefix: CHILD_PREFIX,
      groupId: CHILD_GROUP,
      consumers: [UserActivityConsumer],
      providers: [ShutdownReporter],
      messaging: {
        consumer: {
          sessionTimeoutMs: 6000,
          heartbeatIntervalMs: 500,
          maxWaitTimeMs: 100,
          commitIntervalMs: Number(CHILD_COMMIT_INTERVAL_MS ?? 1000),
          commitThreshold: 10_000,
          // Smaller than a fetched batch, so a kill can land between a committed chunk and the batch's commit.
          chunkSize: 10,
        },
      },
    }),
    (created) => created.enableShutdownHooks(),
    { logger: ['error', 'warn'] },
  );
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  new Logger('consumer-process').error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
