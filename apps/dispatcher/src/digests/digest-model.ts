import { NOTIFICATION_CATEGORIES } from '@notify/contracts';
import type { DigestEntry } from './digest-entry';
import type { DigestFrequency } from '../policy/delivery-vocabulary';
import type { DigestCommunityModel, DigestModel, DigestSectionModel } from '../templates/template-models';

/**
 * Groups digest lines by category (in the preferences' order), then by community (lines outside any community
 * first, then communities by name), oldest line first.
 */
export function digestModel(
  recipientName: string,
  period: DigestFrequency,
  entries: readonly DigestEntry[],
  composedAt: Date,
): DigestModel {
  const sections: DigestSectionModel[] = [];
  for (const category of NOTIFICATION_CATEGORIES) {
    const inCategory = entries.filter((entry) => entry.category === category);
    if (inCategory.length > 0) {
      sections.push({ category, communities: byCommunity(inCategory) });
    }
  }
  return { recipientName, period, composedAt: composedAt.toISOString(), sections };
}

function byCommunity(entries: readonly DigestEntry[]): DigestCommunityModel[] {
  const groups = new Map<string | undefined, DigestEntry[]>();
  for (const entry of entries) {
    groups.set(entry.communityName, [...(groups.get(entry.communityName) ?? []), entry]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === undefined ? -1 : b === undefined ? 1 : a.localeCompare(b)))
    .map(([communityName, group]) => ({
      communityName,
      items: group.map((entry) => entry.item).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
    }));
}
