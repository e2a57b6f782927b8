/** Sizes of one benchmark run; large enough to dwarf start-up effects, small enough for a few minutes. */
export const BENCH_SIZES = {
  profiles: 1000,
  bareEmails: 3000,
  naiveEvents: 500,
  pipelineEvents: 3000,
  pacedRate: 200,
  pacedSeconds: 10,
  fanOutMembers: 100_000,
  warmUp: 20,
};

/**
 * The dispatcher as a deployment would run it, except the SES rate limit, which is lifted so the comparison with the
 * bare client measures the pipeline rather than the configured quota.
 */
export const BENCH_DISPATCHER_ENV: Record<string, string> = {
  SES_MAX_SEND_RATE: '100000',
  LOG_LEVEL: 'warn',
};

/**
 * Regression floors, asserted against the baselines of the same run: well below both the product's targets (0.8x
 * bare, 5x naive) and what this machine measures (see README.md), since the machine is shared and noisy.
 */
export const REQUIRED_RATIOS = {
  pipelineToBare: 0.35,
  pipelineToNaive: 1.0,
};
