/**
 * The source reader's marks: where each excerpt and mention sits in the document's text, and
 * the text cut into segments that carry the marks covering them (marks may overlap).
 */

export interface Span {
  start: number;
  end: number;
}

export interface Mark extends Span {
  kind: 'excerpt' | 'mention';
  /** About the entity the reader was opened for (drawn stronger). */
  focus: boolean;
  /** Which fact or mention this is, for the side list and tooltips. */
  id: string;
  title: string;
}

export interface Segment {
  text: string;
  start: number;
  marks: Mark[];
}

/**
 * Finds an excerpt in the text: exactly, else ignoring differences in whitespace, case and
 * typographic quotes (excerpts are verbatim, but line breaks in the document are not).
 */
export function locateExcerpt(text: string, excerpt: string): Span | null {
  const trimmed = excerpt.trim();
  if (!trimmed) return null;
  const exact = text.indexOf(trimmed);
  if (exact >= 0) return { start: exact, end: exact + trimmed.length };
  const pattern = trimmed
    .split(/\s+/)
    .map((word) =>
      word
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/["“”]/g, '["“”]')
        .replace(/['‘’]/g, "['‘’]"),
    )
    .join('\\s+');
  const match = new RegExp(pattern, 'iu').exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** Cuts the text at every mark boundary; each segment lists the marks that cover it. */
export function segment(text: string, marks: Mark[]): Segment[] {
  const valid = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!; // i + 1 < length
    const end = points[i + 1]!;
    segments.push({ text: text.slice(start, end), start, marks: valid.filter((m) => m.start <= start && m.end >= end) });
  }
  return segments;
}
