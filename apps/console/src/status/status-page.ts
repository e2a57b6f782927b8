import { UPSTREAM_SERVICES } from '../config/console.config';
import { sparkline } from './sparkline';
import { ratePerSecond, windowRatio, type StatusSample } from './status-sample';

const numberOr = (value: number | undefined, unit: string): string =>
  value === undefined ? 'unknown' : `${Math.round(value * 100) / 100}${unit}`;
const percent = (ratio: number | undefined): string =>
  ratio === undefined ? 'no email sent in the window' : `${(ratio * 100).toFixed(2)} %`;

/** The samples as the status page shows them: latest value in words and a chart of the window, per metric. */
export function statusPage(samples: readonly StatusSample[]) {
  const latest = samples[samples.length - 1];
  const services = UPSTREAM_SERVICES.map((service) => {
    const relay = samples.map((sample) => sample.services[service].relayLag ?? 0);
    const consumer = samples.map((sample) => sample.services[service].consumerLag ?? 0);
    const reading = latest?.services[service];
    const relayText = numberOr(reading?.relayLag, ' s');
    const consumerText = numberOr(reading?.consumerLag, ' records');
    return {
      service,
      reachable: reading?.reachable ?? false,
      relayLag: relayText,
      relayChart: sparkline(relay, `Relay lag of ${service}, latest ${relayText}`),
      consumerLag: consumerText,
      consumerChart: sparkline(consumer, `Consumer lag of ${service}, latest ${consumerText}`),
      deadLettered: reading?.deadLettered ?? 0,
    };
  });
  const sending = ratePerSecond(samples, (sample) => sample.emails.sent);
  const sendingText = numberOr(sending[sending.length - 1], ' emails/s');
  return {
    sampledAt: latest?.at.toISOString(),
    sampleCount: samples.length,
    windowStart: samples[0]?.at.toISOString(),
    services,
    sendingRate: sendingText,
    sendingChart: sparkline(sending, `Sending rate, latest ${sendingText}`),
    bounceRate: percent(
      windowRatio(
        samples,
        (s) => s.emails.bounces,
        (s) => s.emails.sent,
      ),
    ),
    complaintRate: percent(
      windowRatio(
        samples,
        (s) => s.emails.complaints,
        (s) => s.emails.sent,
      ),
    ),
  };
}
