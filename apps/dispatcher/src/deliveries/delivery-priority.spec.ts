import { TEMPLATE_IDS, type TemplateId } from '../templates/template-id';
import { byPriority, deliveryPriority, reservedPerLowerClass } from './delivery-priority';

describe('deliveryPriority', () => {
  const table: [TemplateId, number][] = [
    ['access-request.moderator', 0],
    ['submission.moderator', 0],
    ['moderation.reminder', 0],
    ['access-request.acknowledgement', 1],
    ['access-request.approved', 1],
    ['access-request.rejected', 1],
    ['submission.approved', 1],
    ['submission.rejected', 1],
    ['activity.mention', 1],
    ['activity.comment', 1],
    ['activity.private-message', 1],
    ['moderation.alert-summary', 1],
    ['digest', 1],
    ['community.member-joined.moderator', 2],
    ['community.content-published.moderator', 2],
    ['activity.content-published', 2],
  ];

  it.each(table)('%s has priority %i', (template, priority) => {
    expect(deliveryPriority(template)).toBe(priority);
  });

  it('covers every template', () => {
    expect(table.map(([template]) => template).sort()).toEqual([...TEMPLATE_IDS].sort());
  });
});

describe('reservedPerLowerClass', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 1],
    [25, 5],
    [100, 20],
    [1000, 200],
  ])('a claim of %i keeps %i rows for each lower class', (batchSize, reserved) => {
    expect(reservedPerLowerClass(batchSize)).toBe(reserved);
  });

  it('always leaves the first class most of a claim', () => {
    for (let batchSize = 1; batchSize <= 1000; batchSize++) {
      expect(batchSize - 2 * reservedPerLowerClass(batchSize)).toBeGreaterThanOrEqual(batchSize / 2);
    }
  });
});

describe('byPriority', () => {
  it('puts higher priorities first and keeps the claim order within one', () => {
    const rows = [
      { id: 'a', priority: 2 },
      { id: 'b', priority: 0 },
      { id: 'c', priority: 1 },
      { id: 'd', priority: 0 },
      { id: 'e', priority: 2 },
    ];
    expect(byPriority(rows).map((row) => row.id)).toEqual(['b', 'd', 'c', 'a', 'e']);
  });
});
