/**
 * Where an excerpt sits in its source's cleaned text. Excerpts are verbatim quotations, so the
 * first exact occurrence is the answer; an excerpt whose white space differs (a line break in
 * the document, one space in the excerpt) is still found, word for word.
 */
export interface TextSpan {
  start: number;
  end: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function locateExcerpt(text: string, excerpt: string): TextSpan | null {
  const needle = excerpt.trim();
  if (needle.length === 0) return null;
  const exact = text.indexOf(needle);
  if (exact !== -1) return { start: exact, end: exact + needle.length };
  const pattern = new RegExp(needle.split(/\s+/).map(escapeRegExp).join('\\s+'), 'u');
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
