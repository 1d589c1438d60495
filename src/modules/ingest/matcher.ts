/**
 * Finds where a text names known nodes: every name and alias, as whole words, in either
 * language. Overlapping candidates resolve to the longest ("EU Cyber Direct" is not also a
 * mention of "EU"). Short all-capital aliases (EU, UE, AU, PBB) match case-sensitively so that
 * ordinary words ("au", "eu") are not taken for organisations; longer names ignore case.
 */

export interface NamedNode {
  id: string;
  /** Null for a node written without a name (curation allows it); such a node matches by its aliases only. */
  name: string | null;
  aliases: readonly (string | null)[] | null;
}

export interface Mention {
  nodeId: string;
  start: number;
  end: number;
  matched: string;
}

interface Term {
  nodeId: string;
  pattern: RegExp;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isAcronym(term: string): boolean {
  return term.length <= 5 && term === term.toUpperCase() && /\p{Lu}/u.test(term);
}

export class MentionMatcher {
  private readonly terms: Term[];

  constructor(nodes: readonly NamedNode[]) {
    this.terms = nodes.flatMap((node) => {
      const names = [node.name, ...(node.aliases ?? [])].filter((s): s is string => typeof s === 'string');
      const spellings = [...new Set(names.map((s) => s.trim()).filter((s) => s.length >= 2))];
      return spellings.map((spelling) => {
        // Any run of white space in the text may separate the words of a name.
        const body = spelling.split(/\s+/).map(escapeRegExp).join('\\s+');
        const flags = isAcronym(spelling) ? 'gu' : 'giu';
        return { nodeId: node.id, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags) };
      });
    });
  }

  find(text: string): Mention[] {
    const candidates: Mention[] = [];
    for (const term of this.terms) {
      term.pattern.lastIndex = 0;
      for (const match of text.matchAll(term.pattern)) {
        candidates.push({ nodeId: term.nodeId, start: match.index, end: match.index + match[0].length, matched: match[0] });
      }
    }
    // Longest candidates first; keep each one that overlaps nothing already kept.
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.nodeId.localeCompare(b.nodeId));
    const kept: Mention[] = [];
    for (const candidate of candidates) {
      if (kept.some((k) => candidate.start < k.end && k.start < candidate.end)) continue;
      kept.push(candidate);
    }
    return kept.sort((a, b) => a.start - b.start);
  }
}

/**
 * The words around a mention, for people to see it in context. It is the mention's evidence
 * (`excerpt`), so it is a verbatim slice of the cleaned text: it stays within the mention's
 * line, starts and ends on word boundaries, and always contains the mention itself.
 */
export function snippetAround(text: string, start: number, end: number, radius = 60): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineBreak = text.indexOf('\n', end);
  const lineEnd = lineBreak === -1 ? text.length : lineBreak;
  let from = Math.max(lineStart, start - radius);
  let to = Math.min(lineEnd, end + radius);
  if (from > lineStart) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < lineEnd) {
    const space = text.lastIndexOf(' ', to);
    if (space >= end) to = space;
  }
  return text.slice(from, to).trim();
}
