/**
 * What a node's names look like to search: the text the full-text indexes read (searchNames),
 * and each name's words folded as the ranking compares them with the text's (nameWords). Both
 * are derived when a node is written (the seed loader, imports, curation), so a search folds
 * no name at query time.
 */

/** Punctuation read as a word break when names are compared with the text. */
export const BREAKS = [
  '-',
  '\u2010',
  '\u2011',
  '\u2013',
  '\u2014',
  '.',
  ',',
  ';',
  ':',
  '/',
  '(',
  ')',
  '[',
  ']',
  "'",
  '\u2019',
  '"',
  '&',
  '+',
  '!',
  '?',
  '\n',
  '\t',
];
/** Combining marks NFKD leaves on the accented letters of these languages' names (é, è, ê, ë, ñ, ç, š, å). */
export const MARKS = ['\u0301', '\u0300', '\u0302', '\u0308', '\u0303', '\u0327', '\u030C', '\u030A'];

/** Text the full-text index reads: the name and every alias, one per line. */
export function searchNamesOf(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].join('\n');
}

/** The node properties derived from its name and aliases, written wherever a node is written. */
export const DERIVED_NAME_PROPERTIES = ['searchNames', 'nameWords'] as const;

export function derivedNameProperties(name: string, aliases: readonly string[]): { searchNames: string; nameWords: string[] } {
  return { searchNames: searchNamesOf(name, aliases), nameWords: nameWordsOf(name, aliases) };
}

/**
 * Each name's words (the name, then each alias), folded as search.repository's WORDS_OF folds
 * them in Cypher (lower case, NFKD, the marks dropped, split at the breaks), joined by single
 * spaces. Stop words are kept: the query drops those of its own language.
 */
export function nameWordsOf(name: string, aliases: readonly string[]): string[] {
  return [name, ...aliases].map((x) => {
    let folded = x.toLowerCase().normalize('NFKD');
    for (const mark of MARKS) folded = folded.replaceAll(mark, '');
    for (const sign of BREAKS) folded = folded.replaceAll(sign, ' ');
    return folded
      .split(' ')
      .filter((w) => w !== '')
      .join(' ');
  });
}
