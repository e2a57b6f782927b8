import type { BounceType, EmailStatus } from '@notify/contracts';
import type { DeliveryStatus, FailureReason } from '../policy/delivery-vocabulary';

/** What the email provider reported about one sent email. */
export type ProviderReport =
  | { kind: EmailStatus | 'complained'; detail?: string }
  | { kind: 'bounced'; bounceType: BounceType; detail?: string };

/** The status change a report makes: to `status`, only from one of `from`; reports arrive in any order. */
export interface StatusChange {
  status: DeliveryStatus;
  from: readonly DeliveryStatus[];
  reason: string | null;
  detail: string | null;
}

const BEFORE_DELIVERY: readonly DeliveryStatus[] = ['sent', 'delayed'];
const AFTER_SEND: readonly DeliveryStatus[] = ['sent', 'delayed', 'delivered'];

/** `undefined`: the report changes nothing (SES accepting the email is what `sent` already says). */
export function statusChangeFor(report: ProviderReport): StatusChange | undefined {
  switch (report.kind) {
    case 'accepted':
      return undefined;
    case 'delayed':
      return { status: 'delayed', from: ['sent'], reason: null, detail: report.detail ?? null };
    case 'delivered':
      return { status: 'delivered', from: BEFORE_DELIVERY, reason: null, detail: null };
    // A bounce may follow a delivery (an asynchronous bounce from the recipient's server).
    case 'bounced':
      return {
        status: 'bounced',
        from: AFTER_SEND,
        reason: report.bounceType,
        detail: report.detail ?? null,
      };
    case 'complained':
      return { status: 'complained', from: AFTER_SEND, reason: null, detail: null };
    case 'rejected':
      return failure('rejected-by-provider', report.detail);
    case 'rendering-failed':
      return failure('unrenderable', report.detail);
  }
}

function failure(reason: FailureReason, detail: string | undefined): StatusChange {
  return { status: 'failed', from: BEFORE_DELIVERY, reason, detail: detail ?? null };
}
