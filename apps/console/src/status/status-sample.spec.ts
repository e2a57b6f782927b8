import type { ServiceReading } from './status-sample';
import { ratePerSecond, windowRatio, type StatusSample } from './status-sample';

const reading: ServiceReading = { reachable: true, deadLettered: 0 };

function sample(second: number, sent: number, bounces: number): StatusSample {
  return {
    at: new Date(second * 1000),
    services: { communities: reading, moderation: reading, preferences: reading, dispatcher: reading },
    emails: { sent, bounces, complaints: 0 },
  };
}

describe('status series', () => {
  const window = [
    sample(0, 100, 1),
    sample(10, 150, 2),
    sample(20, 150, 2),
    sample(30, 10, 2),
    sample(40, 30, 3),
  ];

  it('gives the sending rate per interval, a counter reset (restart) counting as 0', () => {
    expect(ratePerSecond(window, (s) => s.emails.sent)).toEqual([5, 0, 0, 2]);
  });

  it.each([
    ['bounces per sent email over the window', window.slice(0, 2), 1 / 50],
    ['nothing when no email was sent', [sample(0, 5, 0), sample(10, 5, 1)], undefined],
    ['nothing from a single sample', [sample(0, 5, 0)], undefined],
  ])('%s', (_case, samples, expected) => {
    expect(
      windowRatio(
        samples,
        (s) => s.emails.bounces,
        (s) => s.emails.sent,
      ),
    ).toBe(expected);
  });
});
