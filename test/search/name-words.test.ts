/**
 * Names are folded into words when a node is written (nameWordsOf, in Node) and, for nodes
 * written without them, when a search ranks them (WORDS_OF, in Cypher): both must give the
 * same words, or a node's rank would depend on how it was written.
 */
import { describe, expect, it } from 'vitest';
import { WORDS_OF } from '../../src/modules/search/search.repository.js';
import { BREAKS, MARKS, nameWordsOf } from '../../src/modules/search/search.names.js';
import { testRunner } from '../helpers.js';

const NAMES = [
  'Société Générale—Cyber Desk',
  'Kementerian Luar Negeri (Kemlu)',
  'U.S.-EU  Cyber Dialogue',
  "Ñandú's ‘partner’ programme",
  'Cybersecurity\tStrategy\nof the EU',
  'ÅSA & Čech: GLACY+ / Octopus',
  'Ⅻ ﬁnal “Declaration”, 2021!',
  '   ',
];

describe('name words', () => {
  it('when names with accents, punctuation, ligatures and odd spacing are folded in Node and in Neo4j, then the words are the same', async () => {
    const [row] = await testRunner().read<{ words: string[][] }>('Test.foldNames', `RETURN [x IN $names | ${WORDS_OF('x')}] AS words`, {
      names: NAMES,
      marks: MARKS,
      breaks: BREAKS,
      stopWords: [],
    });
    const inNode = nameWordsOf(NAMES[0]!, NAMES.slice(1)).map((x) => x.split(' ').filter((w) => w !== ''));
    expect(row?.words).toEqual(inNode);
    expect(inNode[0]).toEqual(['societe', 'generale', 'cyber', 'desk']);
    expect(inNode.at(-1)).toEqual([]);
  });
});
