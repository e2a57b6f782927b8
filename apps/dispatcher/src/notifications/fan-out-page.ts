/** What one page of a member fan-out inserted, as the page statement reports it. */
export interface FanOutPage {
  /** The greatest member id of the page; null when no member was left after the cursor. */
  lastUserId: string | null;
  /** Members the page covered (at most the page size). */
  members: number;
  /** Rows of the page pending immediate sending. */
  pending: number;
}

/** After a page: the fan-out is done, or continues with the members after `after` (keyset on user id). */
export type FanOutStep = { done: true } | { done: false; after: string };

/** Members are read in user-id order, so a page shorter than the page size was the last one. */
export function nextStep(page: FanOutPage, pageSize: number): FanOutStep {
  if (page.lastUserId === null || page.members < pageSize) {
    return { done: true };
  }
  return { done: false, after: page.lastUserId };
}

/** The cursor a fan-out starts from: before every user id. */
export const FIRST_CURSOR = '';
