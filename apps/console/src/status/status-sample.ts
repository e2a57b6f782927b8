import type { UpstreamService } from '../config/console.config';

export interface ServiceReading {
  reachable: boolean;
  /** Age of the oldest unpublished outbox event (seconds). */
  relayLag?: number;
  /** Records the service's consumer group has yet to handle. */
  consumerLag?: number;
  deadLettered: number;
}

/** One reading of every service's /metrics (and consumer lag from Kafka) at one instant. */
export interface StatusSample {
  at: Date;
  services: Record<UpstreamService, ServiceReading>;
  emails: { sent: number; bounces: number; complaints: number };
}

/** Per interval between consecutive samples, the increase of a counter per second (a restart counts as 0). */
export function ratePerSecond(
  samples: readonly StatusSample[],
  pick: (sample: StatusSample) => number,
): number[] {
  return samples.slice(1).map((sample, index) => {
    const previous = samples[index];
    const seconds = (sample.at.getTime() - previous.at.getTime()) / 1000;
    const increase = pick(sample) - pick(previous);
    return seconds > 0 && increase > 0 ? increase / seconds : 0;
  });
}

/** Over the whole window, the increase of one counter relative to another; undefined when the other did not move. */
export function windowRatio(
  samples: readonly StatusSample[],
  numerator: (sample: StatusSample) => number,
  denominator: (sample: StatusSample) => number,
): number | undefined {
  if (samples.length < 2) {
    return undefined;
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const base = denominator(last) - denominator(first);
  return base > 0 ? Math.max(0, numerator(last) - numerator(first)) / base : undefined;
}
