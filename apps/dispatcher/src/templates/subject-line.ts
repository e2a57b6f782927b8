export const MAX_SUBJECT_LENGTH = 150;

// Line and paragraph separators included: a subject is a single header line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** A subject safe for a single header line: control characters to spaces, whitespace collapsed, capped with an ellipsis. */
export function toSubjectLine(raw: string): string {
  const flat = raw.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  const characters = Array.from(flat);
  if (characters.length <= MAX_SUBJECT_LENGTH) {
    return flat;
  }
  return `${characters
    .slice(0, MAX_SUBJECT_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}
