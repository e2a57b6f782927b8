import type { DeliveryStatus } from '../policy/delivery-vocabulary';
import { statusChangeFor, type ProviderReport } from './delivery-status-rules';

const CURRENT: DeliveryStatus[] = [
  'sent',
  'delayed',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'skipped',
];

describe('statusChangeFor', () => {
  it.each<[string, ProviderReport, DeliveryStatus | undefined, DeliveryStatus[]]>([
    ['acceptance', { kind: 'accepted' }, undefined, []],
    ['a delay', { kind: 'delayed' }, 'delayed', ['sent']],
    ['a delivery', { kind: 'delivered' }, 'delivered', ['sent', 'delayed']],
    [
      'a permanent bounce',
      { kind: 'bounced', bounceType: 'permanent' },
      'bounced',
      ['sent', 'delayed', 'delivered'],
    ],
    [
      'a transient bounce',
      { kind: 'bounced', bounceType: 'transient' },
      'bounced',
      ['sent', 'delayed', 'delivered'],
    ],
    ['a complaint', { kind: 'complained' }, 'complained', ['sent', 'delayed', 'delivered']],
    ['a rejection', { kind: 'rejected' }, 'failed', ['sent', 'delayed']],
    ['a rendering failure', { kind: 'rendering-failed' }, 'failed', ['sent', 'delayed']],
  ])('%s moves the delivery to %s only from the listed statuses', (_, report, status, movesFrom) => {
    const change = statusChangeFor(report);

    expect(change?.status).toBe(status);
    expect(CURRENT.filter((current) => change?.from.includes(current) ?? false)).toEqual(movesFrom);
  });

  it('keeps the bounce type as the reason and the provider text as the detail', () => {
    expect(
      statusChangeFor({ kind: 'bounced', bounceType: 'transient', detail: 'mailbox full' }),
    ).toMatchObject({
      reason: 'transient',
      detail: 'mailbox full',
    });
    expect(statusChangeFor({ kind: 'rejected', detail: 'virus' })).toMatchObject({
      reason: 'rejected-by-provider',
      detail: 'virus',
    });
  });
});
