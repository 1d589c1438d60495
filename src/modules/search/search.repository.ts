/**
 * Full-text search over names, aliases and descriptions, in English and Indonesian, in one
 * statement. Two indexes (schema/constraints.cypher):
 *
 * - `entity_search` (analyzer `standard-folding`: case and accents folded, English stop words
 *   dropped) over name, searchNames (name and aliases) and description, asked three queries
 *   built in search.lucene.ts: any word, all words, and the words as a phrase in names;
 * - `entity_search_id` (analyzer `indonesian`: Indonesian stop words and stemming, so
 *   "melindungi" finds "perlindungan") over searchNames and description, asked for any word
 *   and all words.
 *
 * The hits are ranked in tiers:
 *
 *   4  a name or alias equals the text as typed (case aside): "EU", "GLACY+"
 *   3  a name or alias has exactly the text's words (accents, punctuation and spacing aside)
 *   2  every word of the text (stop words aside) matches, in some form, in either index
 *   1  some word matches
 *
 * Within a tier, names first (see searchEntities), then the summed text score. The score a
 * client sees is the tier plus the rank within the tier as a number in [0, 1), so it orders the
 * hits exactly as they are ranked.
 */
import type { NodeLabel } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, type EntityRow } from '../entity/entity.repository.js';
import type { SearchQuery } from './search.lucene.js';
import { BREAKS, MARKS } from './search.names.js';

export const SEARCH_INDEX = 'entity_search';
export const STEMMED_SEARCH_INDEX = 'entity_search_id';

export interface SearchHit {
  node: EntityRow;
  score: number;
}

/**
 * A name's words, folded like searchTerms() folds the text (NFKD, marks dropped, lower case,
 * split at punctuation), stop words aside. Native replace() over the lists: a character-by-
 * character loop was ten times slower on names with many aliases.
 */
export const WORDS_OF = (v: string) =>
  `[w IN split(reduce(s = reduce(t = normalize(toLower(${v}), NFKD), m IN $marks | replace(t, m, '')), b IN $breaks | replace(s, b, ' ')), ' ')
     WHERE w <> '' AND NOT w IN $stopWords]`;

/** The tiered hits of one search, best first (see the module comment); `labels` filters by type. */
export function rankedHits(labels: NodeLabel[] | null): string {
  // Each query keeps its best $k hits (Lucene collects the top k instead of every match, which
  // is what keeps a common word fast on a large graph); pages deeper than that raise $k.
  const byLabel = labels ? 'WHERE any(l IN labels(node) WHERE l IN $labels)' : '';
  return `CALL {
       CALL db.index.fulltext.queryNodes($index, $any, {limit: $k}) YIELD node, score
       RETURN node, score, 1 AS tier
       UNION ALL
       CALL db.index.fulltext.queryNodes($index, $all, {limit: $k}) YIELD node, score
       RETURN node, score, 2 AS tier
       UNION ALL
       CALL db.index.fulltext.queryNodes($stemIndex, $stemAny, {limit: $k}) YIELD node, score
       RETURN node, score * 0.5 AS score, 1 AS tier
       UNION ALL
       CALL db.index.fulltext.queryNodes($stemIndex, $stemAll, {limit: $k}) YIELD node, score
       RETURN node, score * 0.5 AS score, 2 AS tier
       UNION ALL
       CALL db.index.fulltext.queryNodes($index, $names, {limit: $k}) YIELD node
       WITH node, [node.name] + coalesce(node.aliases, []) AS names
       WITH node, CASE
         WHEN any(x IN names WHERE trim(toLower(x)) = $exactText) THEN 4
         // Only names about as long as the text are folded and compared word by word.
         WHEN any(x IN names WHERE $exactMin <= size(x) <= $exactMax AND ${WORDS_OF('x')} = $exactWords) THEN 3
         ELSE 0 END AS tier
       WHERE tier > 0
       RETURN node, 0.0 AS score, tier
     }
     WITH node, max(tier) AS tier, sum(score) AS score
     ${byLabel}`;
}

export function searchParams(query: SearchQuery, labels: NodeLabel[] | null) {
  return {
    index: SEARCH_INDEX,
    stemIndex: STEMMED_SEARCH_INDEX,
    stemAny: query.stemAny,
    stemAll: query.stemAll,
    any: query.any,
    all: query.all,
    names: query.names,
    exactWords: query.exactWords,
    stopWords: query.stopWords,
    marks: MARKS,
    breaks: BREAKS,
    exactText: query.exactText,
    exactMin: query.exactWords.join('').length,
    exactMax: 2 * query.exactText.length + 8,
    labels,
  };
}

/** How many hits each query keeps: enough for the page and a margin, at least MIN_CANDIDATES. */
export const MIN_CANDIDATES = 200;
const candidates = (skip: number, limit: number) => int(Math.max(MIN_CANDIDATES, 2 * (skip + limit)));

export async function searchEntities(
  cypher: QueryRunner,
  query: SearchQuery,
  labels: NodeLabel[] | null,
  skip: number,
  limit: number,
): Promise<SearchHit[]> {
  const k = candidates(skip, limit);
  return cypher.read<SearchHit>(
    'Search.entities',
    `${rankedHits(labels)}
     // Within a tier, the hits whose names say most of the text come first: of two hits, the one
     // with more of the words in a name or alias, then the one whose best name adds fewer other
     // words ("Western Balkans" before "Western Balkans regional cyber dialogues" for "western
     // balkan countries"), then the text score. Text scores of near ties move with the index's
     // statistics; names do not. Only the best $k hits are compared (names folded in Cypher).
     WITH node, tier, score ORDER BY tier DESC, score DESC, node.id ASC LIMIT $k
     // Each name's words: folded when the node was written (nameWords), or here for a node
     // written without them (by an older release, or around the API).
     WITH node, tier, score, CASE WHEN node.nameWords IS NULL
       THEN [x IN [node.name] + coalesce(node.aliases, []) | ${WORDS_OF('x')}]
       ELSE [x IN node.nameWords | [w IN split(x, ' ') WHERE w <> '' AND NOT w IN $stopWords]] END AS names
     WITH node, tier, score,
       size([w IN $exactWords WHERE any(ws IN names WHERE any(v IN ws WHERE v STARTS WITH w))]) AS said,
       reduce(fewest = $maxOther, ws IN names |
         CASE WHEN size([v IN ws WHERE NOT any(w IN $exactWords WHERE v STARTS WITH w)]) < fewest
           THEN size([v IN ws WHERE NOT any(w IN $exactWords WHERE v STARTS WITH w)]) ELSE fewest END) AS other
     // The rank within the tier as one number in [0, 1), so the score a client sees orders the hits.
     WITH node, tier, (said * ($maxOther + 1) + ($maxOther - other) + score / (score + 1.0)) / (($wordCount + 1) * ($maxOther + 1)) AS within
     ORDER BY tier DESC, within DESC, node.id ASC SKIP $skip LIMIT $limit
     // Project only the page's nodes, not every hit.
     RETURN ${entityProjection('node')} AS node, tier + within AS score`,
    {
      ...searchParams(query, labels),
      k,
      maxOther: int(MAX_OTHER_NAME_WORDS),
      wordCount: int(query.exactWords.length),
      skip: int(skip),
      limit: int(limit),
      ...NODE_LABEL_PARAM,
    },
  );
}

/** Names with more words besides the text's than this rank alike on that count. */
const MAX_OTHER_NAME_WORDS = 9;

/**
 * How many nodes the search finds over all pages: every hit of the two any-word queries (the
 * all-words and exact-name queries only find nodes these find too), without the per-query cap.
 */
export async function countSearch(cypher: QueryRunner, query: SearchQuery, labels: NodeLabel[] | null): Promise<number> {
  const [row] = await cypher.read<{ count: number }>(
    'Search.count',
    `CALL {
       CALL db.index.fulltext.queryNodes($index, $any) YIELD node RETURN node
       UNION
       CALL db.index.fulltext.queryNodes($stemIndex, $stemAny) YIELD node RETURN node
     }
     ${labels ? 'WITH node WHERE any(l IN labels(node) WHERE l IN $labels)' : ''}
     RETURN count(node) AS count`,
    searchParams(query, labels),
  );
  return row?.count ?? 0;
}
