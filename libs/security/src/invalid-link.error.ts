export type InvalidLinkReason = 'tampered' | 'expired' | 'malformed' | 'unknown-key';

/** A signed link that must not be honoured; `reason` says why (safe to log, not to show). */
export class InvalidLinkError extends Error {
  constructor(readonly reason: InvalidLinkReason) {
    super(`Invalid link: ${reason}`);
    this.name = 'InvalidLinkError';
  }
}
