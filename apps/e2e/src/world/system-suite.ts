import type { SystemOptions } from '../system/start-system';
import { E2eWorld } from './e2e-world';

const START_TIMEOUT_MS = 150_000;
const STOP_TIMEOUT_MS = 60_000;

export interface SystemSuite {
  /** A test body run against the file's system; a failure carries the services' output. */
  scenario(body: (world: E2eWorld) => Promise<void>): () => Promise<void>;
}

/** Starts the whole system once for the calling test file and stops it after its last test. */
export function useSystem(label: string, options: SystemOptions = {}): SystemSuite {
  let world: E2eWorld | undefined;
  beforeAll(async () => {
    world = await E2eWorld.start(label, options);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await world?.stop();
  }, STOP_TIMEOUT_MS);
  return {
    scenario: (body) => async () => {
      if (!world) {
        throw new Error('The system did not start; see the beforeAll failure');
      }
      const started = world;
      await started.scenario(() => body(started))();
    },
  };
}
