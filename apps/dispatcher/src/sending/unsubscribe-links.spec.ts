import { LinkSigner, UnsubscribeTokens } from '@notify/security';
import { UnsubscribeLinks } from './unsubscribe-links';

const signer = new LinkSigner([{ id: 'k1', secret: 'unsubscribe-links-spec-secret-0123456789' }]);
const tokens = new UnsubscribeTokens(signer);
const links = new UnsubscribeLinks(tokens, 'https://preferences.example.org/', 60_000);
const now = new Date('2026-03-02T10:00:00Z');

describe('UnsubscribeLinks', () => {
  it('signs the user and category of an optional category, expiring after the configured time', () => {
    const url = new URL(links.forCategory('user-1', 'comments', now) ?? '');

    expect(`${url.origin}${url.pathname}`).toBe('https://preferences.example.org/unsubscribe');
    const token = url.searchParams.get('token') ?? '';
    expect(tokens.verify(token, new Date(now.getTime() + 59_000))).toEqual({
      userId: 'user-1',
      category: 'comments',
    });
    expect(signer.verify(token, now)).toMatchObject({ purpose: 'unsubscribe' });
    expect(() => tokens.verify(token, new Date(now.getTime() + 60_000))).toThrow(/expired/);
  });

  it.each(['communityActivity', 'transactional'])(
    'gives no link for %s, which cannot be switched off',
    (category) => {
      expect(links.forCategory('user-1', category, now)).toBeUndefined();
    },
  );
});
