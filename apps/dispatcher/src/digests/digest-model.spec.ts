import type { DigestEntry } from './digest-entry';
import { digestModel } from './digest-model';

const entry = (
  category: DigestEntry['category'],
  communityName: string | undefined,
  title: string,
  occurredAt: string,
): DigestEntry => ({
  category,
  communityName,
  item: { title, url: `https://platform.example.org/${title}`, occurredAt },
});

describe('digestModel', () => {
  it('groups by category in preference order, then by community, oldest item first', () => {
    const model = digestModel(
      'Jean',
      'daily',
      [
        entry('communityActivity', 'Zeta buyers', 'z1', '2026-03-02T10:00:00Z'),
        entry('mentions', undefined, 'm2', '2026-03-02T09:00:00Z'),
        entry('communityActivity', 'Alpha buyers', 'a1', '2026-03-02T11:00:00Z'),
        entry('mentions', 'Alpha buyers', 'm3', '2026-03-02T08:00:00Z'),
        entry('mentions', undefined, 'm1', '2026-03-02T07:00:00Z'),
      ],
      new Date('2026-03-02T21:00:00Z'),
    );

    expect(model.recipientName).toBe('Jean');
    expect(model.period).toBe('daily');
    expect(model.composedAt).toBe('2026-03-02T21:00:00.000Z');
    expect(
      model.sections.map((section) => [
        section.category,
        section.communities.map((community) => [
          community.communityName,
          community.items.map((item) => item.title),
        ]),
      ]),
    ).toEqual([
      [
        'mentions',
        [
          [undefined, ['m1', 'm2']],
          ['Alpha buyers', ['m3']],
        ],
      ],
      [
        'communityActivity',
        [
          ['Alpha buyers', ['a1']],
          ['Zeta buyers', ['z1']],
        ],
      ],
    ]);
  });

  it('leaves out categories without items', () => {
    expect(
      digestModel('Jean', 'weekly', [entry('comments', undefined, 'c', '2026-03-02T07:00:00Z')], new Date())
        .sections,
    ).toHaveLength(1);
  });
});
