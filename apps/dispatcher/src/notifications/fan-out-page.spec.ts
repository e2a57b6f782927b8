import { nextStep, type FanOutPage } from './fan-out-page';

const page = (lastUserId: string | null, members: number): FanOutPage => ({
  lastUserId,
  members,
  pending: 0,
});

describe('nextStep', () => {
  it.each<[string, FanOutPage, ReturnType<typeof nextStep>]>([
    ['no member after the cursor', page(null, 0), { done: true }],
    ['a short page', page('user-0042', 42), { done: true }],
    ['a single member', page('user-1', 1), { done: true }],
    ['a full page', page('user-1000', 1000), { done: false, after: 'user-1000' }],
    [
      'a full page ending on an id that sorts before digits',
      page('user-10', 1000),
      { done: false, after: 'user-10' },
    ],
  ])('%s', (_case, given, expected) => {
    expect(nextStep(given, 1000)).toEqual(expected);
  });
});
