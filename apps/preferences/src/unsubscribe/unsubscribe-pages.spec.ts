import { confirmationPage, errorPage, escapeHtml, outcomePage } from './unsubscribe-pages';

describe('unsubscribe pages', () => {
  it('offers a button posting the token, relative to where the page is served', () => {
    const html = confirmationPage({ category: 'privateMessages', alreadyUnsubscribed: false }, 'k1.a-b_c.d');

    expect(html).toContain('<form method="post" action="unsubscribe/confirm?token=k1.a-b_c.d">');
    expect(html).toContain('private messages');
  });

  it('offers no button when the user is already unsubscribed', () => {
    const html = confirmationPage({ category: 'mentions', alreadyUnsubscribed: true }, 'tok');

    expect(html).not.toContain('<form');
    expect(html).toContain('Already unsubscribed');
  });

  it('escapes anything that came from the request', () => {
    expect(
      confirmationPage({ category: 'comments', alreadyUnsubscribed: false }, '"><script>'),
    ).not.toContain('<script>');
    expect(errorPage('<img src=x onerror=alert(1)>')).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('tells apart a first and a repeated unsubscribe', () => {
    expect(outcomePage({ category: 'comments', status: 'unsubscribed' })).toContain('<h1>Unsubscribed</h1>');
    expect(outcomePage({ category: 'comments', status: 'already-unsubscribed' })).toContain(
      '<h1>Already unsubscribed</h1>',
    );
  });
});
