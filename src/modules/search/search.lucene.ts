/**
 * From what a user typed to the Lucene queries of one search (no database access; pure, so the
 * ranking rules are unit-tested without Neo4j).
 *
 * The text is folded like the index folds it (NFKD, accents dropped, lower case) and cut into
 * words at anything that is not a letter or a digit, so punctuation and Lucene syntax in user
 * text never reach the query parser as syntax. Each word becomes a *slot* that matches any of
 * its forms:
 *
 * - the word itself (strongest), and as a prefix ("konvensi buda", "sanction" ~ "sanctions");
 * - one typo (Damerau distance 1) for words of 5+ letters ("Budapets", "comission");
 * - compounds both ways: a hyphenated word also matches written together ("Cyber-space" ~
 *   "cyberspace"), and a long word also matches as two adjacent words ("multistakeholder" ~
 *   "multi-stakeholder", "cyberattack" ~ "cyber attacks", "kerjasama" ~ "kerja sama").
 *
 * Indonesian affixes (meN-, ber-, di-, pe-an, -kan) are left to the `entity_search_id` index,
 * whose analyzer stems both the text and the query. A light English stem searched as a prefix
 * was tried and measured: it changed no answer of the relevance set, so it is not here.
 *
 * The queries of one search:
 * - `any`: every slot optional (a hit needs one word); the whole text as a phrase in names and
 *   aliases boosted above all, names and aliases above descriptions; its score ranks.
 * - `all`: every slot required except stop words ("on", "or", "yang", "who", ...): the hits
 *   that have every word rank above those that have some.
 * - `stemAny`, `stemAll`: the same two for the Indonesian-stemmed index (plain words; its
 *   analyzer does the rest).
 * - `names`: every word in names and aliases, the candidates for an exact name or alias match
 *   (compared in Cypher against `exactWords`, stop words aside, and `exactText`).
 */
import { LRUCache } from 'lru-cache';

/** Words of a text beyond this are ignored (the API also caps the text at 200 characters). */
export const MAX_WORDS = 12;

/** Lucene's English stop words (the analyzer drops them from the index) and common Indonesian and question words. */
const STOP_WORDS = new Set([
  // English (Lucene's ENGLISH_STOP_WORDS_SET)
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with',
  // English question and filler words
  'who',
  'whom',
  'whose',
  'what',
  'which',
  'where',
  'when',
  'why',
  'how',
  'does',
  'do',
  'did',
  'has',
  'have',
  'had',
  'about',
  'from',
  'its',
  'were',
  'been',
  'can',
  'could',
  'should',
  'would',
  // Indonesian
  'yang',
  'dan',
  'di',
  'ke',
  'dari',
  'untuk',
  'dengan',
  'pada',
  'ini',
  'itu',
  'dalam',
  'atau',
  'oleh',
  'sebagai',
  'juga',
  'akan',
  'telah',
  'adalah',
  'tidak',
  'bagi',
  'kepada',
  'serta',
  'tersebut',
  'karena',
  'agar',
  'apa',
  'siapa',
  'mana',
  'bagaimana',
  'kapan',
  'mengapa',
  'para',
  'sebuah',
  'suatu',
  'tentang',
  'secara',
  'antara',
]);

const STOP_WORD_LIST = [...STOP_WORDS];

/** Characters the Lucene classic query parser reads as syntax. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes Lucene query syntax in a term (words hold only letters and digits, so this is belt and braces). */
export function escapeLucene(term: string): string {
  return term.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/** Folds text like the index does: compatibility decomposition, accents dropped, lower case. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of a text, folded (as the index stores them), at most MAX_WORDS. */
export function searchTerms(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/** One word of the query, or a hyphenated compound ("cyber-space") whose parts must be adjacent. */
interface Slot {
  parts: string[];
  stop: boolean;
}

/** The query's slots: words, with hyphenated (or slashed) compounds kept together. */
function slotsOf(text: string): Slot[] {
  const slots: Slot[] = [];
  let count = 0;
  for (const chunk of fold(text).split(/[^\p{L}\p{N}\-‐‑‒–—]+/u)) {
    const parts = chunk.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (parts.length === 0) continue;
    const kept = parts.slice(0, MAX_WORDS - count);
    if (kept.length === 0) break;
    count += kept.length;
    slots.push({ parts: kept, stop: kept.length === 1 && STOP_WORDS.has(kept[0]!) });
  }
  return slots;
}

const hasDigit = (word: string) => /\p{N}/u.test(word);

/** Two adjacent words a long word may be written as ("multistakeholder" -> "multi stakeholder"). */
function splits(word: string): string[] {
  if (word.length < 8 || hasDigit(word)) return [];
  const out: string[] = [];
  for (let i = 2; i <= word.length - 4; i++) out.push(`"${escapeLucene(word.slice(0, i))} ${escapeLucene(word.slice(i))}"`);
  return out;
}

/** Every form of one word, each with its boost, as a Lucene disjunction. */
function wordForms(word: string, boost: number): string[] {
  const w = escapeLucene(word);
  const forms = [`${w}^${boost}`];
  if (word.length >= 3 && !hasDigit(word)) forms.push(`${w}*^${(boost * 0.4).toFixed(2)}`);
  if (word.length >= 5 && !hasDigit(word)) forms.push(`${w}~1^${(boost * 0.5).toFixed(2)}`);
  for (const split of splits(word)) forms.push(`${split}^${(boost * 0.6).toFixed(2)}`);
  return forms;
}

/** A slot as one Lucene clause: its word's forms, or for a compound its parts as a phrase or joined. */
function slotClause(slot: Slot, boost: number): string {
  const [only] = slot.parts;
  if (slot.parts.length === 1 && only !== undefined) return `(${wordForms(only, boost).join(' OR ')})`;
  const phrase = `"${slot.parts.map(escapeLucene).join(' ')}"^${boost}`;
  const joined = slot.parts.join('');
  return `(${[phrase, ...wordForms(joined, boost)].join(' OR ')})`;
}

export interface SearchQuery {
  /** Every word optional: the hits, and their ranking score. */
  any: string;
  /** Every word but stop words required: hits with all words rank above those with some. */
  all: string;
  /** Every word (stop words aside) in names and aliases: candidates for an exact name or alias match. */
  names: string;
  /** The words for the Indonesian-stemmed index, any of them. */
  stemAny: string;
  /** The words for the Indonesian-stemmed index, all of them but stop words. */
  stemAll: string;
  /** The folded words but stop words, compared with each name's and alias's words (stop words aside) for an exact match. */
  exactWords: readonly string[];
  /** The stop words, dropped from names' words before that comparison (none when the text has only stop words). */
  stopWords: readonly string[];
  /** The text lower-cased and trimmed, compared with each name and alias as written ("GLACY+"). */
  exactText: string;
}

/** `searchNames` holds the name and every alias; `name` alone only serves the phrase (a short field scores higher). */
const NAMES = 'searchNames';

/**
 * Texts searched lately and their queries: the same text is asked again and again (a dashboard
 * polling, a page of results after another), and each search builds its queries twice (the
 * argument's validation, then the resolver). Pure, so a cached query is the one it would build.
 */
const recentQueries = new LRUCache<string, { query: Readonly<SearchQuery> | null }>({ max: 1000 });

/** The queries of one search; null when the text has no letter or digit. */
export function buildSearchQuery(text: string): Readonly<SearchQuery> | null {
  const cached = recentQueries.get(text);
  if (cached) return cached.query;
  const built = searchQueryOf(text);
  // Frozen: every search of this text shares it.
  const query =
    built && Object.freeze({ ...built, exactWords: Object.freeze(built.exactWords), stopWords: Object.freeze(built.stopWords) });
  recentQueries.set(text, { query });
  return query;
}

function searchQueryOf(text: string): SearchQuery | null {
  const slots = slotsOf(text);
  const words = slots.flatMap((s) => s.parts);
  if (words.length === 0) return null;
  const content = slots.filter((s) => !s.stop);
  const scored = content.length > 0 ? content : slots;
  const phrase = `"${words.map(escapeLucene).join(' ')}"`;

  const any: string[] = [
    `name:${phrase}^8`,
    `${NAMES}:${phrase}^8`,
    `description:${phrase}^3`,
    ...scored.map(
      (s) => `name:"${s.parts.map(escapeLucene).join(' ')}" OR ${NAMES}:${slotClause(s, 2)} OR description:${slotClause(s, 1)}`,
    ),
  ];
  // Two adjacent words may be one in the index ("cyber security" ~ "cybersecurity").
  for (let i = 0; i + 1 < scored.length; i++) {
    const left = scored[i]!.parts; // i + 1 < length
    const right = scored[i + 1]!.parts;
    const [a, b] = [left[0], right[0]];
    if (left.length === 1 && right.length === 1 && a && b && !hasDigit(a) && !hasDigit(b)) {
      any.push(`${escapeLucene(a + b)}^3`);
    }
  }
  return {
    any: any.map((c) => `(${c})`).join(' OR '),
    all: scored.map((s) => `+(${NAMES}:${slotClause(s, 1)} OR description:${slotClause(s, 1)})`).join(' '),
    stemAny: words.map(escapeLucene).join(' '),
    stemAll: scored
      .flatMap((s) => s.parts)
      .map((w) => `+${escapeLucene(w)}`)
      .join(' '),
    names: scored
      .flatMap((s) => s.parts)
      .map((w) => `+${NAMES}:${escapeLucene(w)}`)
      .join(' '),
    exactWords: scored.flatMap((s) => s.parts),
    stopWords: content.length > 0 ? STOP_WORD_LIST : [],
    exactText: text.trim().replace(/\s+/g, ' ').toLowerCase(),
  };
}
