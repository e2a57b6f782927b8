export type DecisionStatus = 'pending' | 'approved' | 'rejected';

/** A moderator's decision on an access request or a submission, as recorded by this service. */
export interface Decision {
  status: Exclude<DecisionStatus, 'pending'>;
  decidedBy: string;
  decidedAt: Date;
  reason: string | null;
}
