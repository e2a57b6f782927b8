import type { OptionalCategory } from '../preferences/category-rules';
import type { UnsubscribeOutcome, UnsubscribePreview } from './unsubscribe.service';

const CATEGORY_LABELS: Readonly<Record<OptionalCategory, string>> = {
  mentions: 'mentions of you',
  comments: 'new comments',
  privateMessages: 'private messages',
};

/** The page behind the email link: it only offers the button, since merely opening a link must change nothing. */
export function confirmationPage(preview: UnsubscribePreview, token: string): string {
  const label = CATEGORY_LABELS[preview.category];
  if (preview.alreadyUnsubscribed) {
    return page('Already unsubscribed', `<p>You no longer receive emails about ${label}.</p>`);
  }
  // Relative action, so the form still works when the service is published under a path prefix.
  const action = `unsubscribe/confirm?token=${encodeURIComponent(token)}`;
  return page(
    'Unsubscribe',
    `<p>Stop emails about ${label}?</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>
<p>You can change this again at any time in your notification preferences.</p>`,
  );
}

export function outcomePage(outcome: UnsubscribeOutcome): string {
  const label = CATEGORY_LABELS[outcome.category];
  return outcome.status === 'unsubscribed'
    ? page('Unsubscribed', `<p>You will no longer receive emails about ${label}.</p>`)
    : page('Already unsubscribed', `<p>You no longer receive emails about ${label}.</p>`);
}

export function errorPage(message: string): string {
  return page('Link not usable', `<p>${escapeHtml(message)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>
`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
