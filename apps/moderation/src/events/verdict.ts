/** A moderator's verdict; a rejection always carries its reason. */
export type Verdict = { status: 'approved'; reason?: string } | { status: 'rejected'; reason: string };
