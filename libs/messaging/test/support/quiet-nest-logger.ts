import { Logger } from '@nestjs/common';

// Nest log lines drown jest's report; MESSAGING_TEST_LOGS=1 brings them back when a suite needs diagnosing.
if (!process.env.MESSAGING_TEST_LOGS) {
  Logger.overrideLogger(false);
}
