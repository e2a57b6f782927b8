import { alertWindow, heldBack, isCappedAlert } from './moderator-alert-cap';

const at = (iso: string): Date => new Date(iso);

describe('the hourly cap on moderator alerts', () => {
  it.each([
    [20, 0, 1, [false]],
    [20, 19, 1, [false]],
    [20, 20, 1, [true]],
    [20, 18, 4, [false, false, true, true]],
    [20, 35, 2, [true, true]],
    [1, 0, 3, [false, true, true]],
    [0, 500, 2, [false, false]],
  ])('with a cap of %i and %i alerts before, %i more are held: %j', (cap, before, added, expected) => {
    expect(heldBack(cap, before, added)).toEqual(expected);
  });

  it.each([
    [
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T12:00:00.000Z',
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ],
    [
      '2026-01-05T10:59:59.999Z',
      '2026-01-05T12:00:00.000Z',
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ],
    [
      '2026-01-05T11:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
      '2026-01-05T12:00:00.000Z',
    ],
    // An event stamped in the future counts in the current hour.
    [
      '2026-01-09T08:30:00.000Z',
      '2026-01-05T10:20:00.000Z',
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ],
  ])('an event at %s handled at %s counts from %s to %s', (eventTime, now, start, end) => {
    expect(alertWindow(at(eventTime), at(now))).toEqual({ start: at(start), end: at(end) });
  });

  it.each([
    ['moderator', 'transactional', 'access-request.moderator', true],
    ['moderator', 'transactional', 'submission.moderator', true],
    ['moderator', 'transactional', 'moderation.reminder', true],
    ['moderator', 'communityActivity', 'community.member-joined.moderator', false],
    ['moderator', 'communityActivity', 'community.content-published.moderator', false],
    ['requester', 'transactional', 'access-request.acknowledgement', false],
    ['author', 'transactional', 'submission.rejected', false],
  ] as const)('a %s getting %s %s counts: %s', (role, category, template, expected) => {
    expect(isCappedAlert({ role, category, template })).toBe(expected);
  });
});
