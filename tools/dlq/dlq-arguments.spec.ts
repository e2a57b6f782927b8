import { Topics } from '@notify/contracts';
import { parseDlqArguments, UsageError } from './dlq-arguments';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('parseDlqArguments', () => {
  it('reads ids, an ISO time and the operator', () => {
    const command = parseDlqArguments(
      [
        'replay',
        Topics.CommunityEvents,
        '--id',
        'e1',
        '--id',
        'e2',
        '--since',
        '2026-02-28T00:00:00Z',
        '--operator',
        'alice',
      ],
      NOW,
    );
    expect(command).toEqual({
      action: 'replay',
      topic: Topics.CommunityEvents,
      selection: { ids: ['e1', 'e2'], since: new Date('2026-02-28T00:00:00Z') },
      operator: 'alice',
    });
  });

  it('reads --since as a duration back from now and defaults the operator to the OS user', () => {
    const command = parseDlqArguments(['list', Topics.PlatformActivity, '--since', '2h'], NOW);
    expect(command.selection).toEqual({ ids: [], since: new Date('2026-03-01T10:00:00Z') });
    expect(command.operator.length).toBeGreaterThan(0);
  });

  it.each([
    [[], 'expected: list|replay <topic>'],
    [['purge', Topics.PlatformActivity], 'expected: list|replay <topic>'],
    [['list', 'no.such.topic'], 'unknown topic no.such.topic'],
    [['list', Topics.PlatformActivity, '--since', 'yesterday'], '--since yesterday is neither'],
    [['list', Topics.PlatformActivity, '--operator', 'a\nb'], '--operator must be'],
    [['list', Topics.PlatformActivity, '--force'], "Unknown option '--force'"],
  ])('rejects %j with a usage error', (args, message) => {
    expect(() => parseDlqArguments(args, NOW)).toThrow(UsageError);
    expect(() => parseDlqArguments(args, NOW)).toThrow(message);
  });
});
