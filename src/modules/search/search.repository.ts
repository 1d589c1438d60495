/**
 * Full-text search over names, aliases and descriptions (index `entity_search`), in English and
 * Indonesian: the analyzer folds case and accents; the query adds prefix and fuzzy matching so
 * "konvensi buda" and "Barrinha" find what people mean.
 */
import { type NodeLabel } from '../../domain/model.js';
import type { QueryRunner } from '../../db/query.js';
import { int } from '../../db/query.js';
import { NODE_LABEL_PARAM, entityProjection, type EntityRow } from '../entity/entity.repository.js';

export const SEARCH_INDEX = 'entity_search';

/** Words of the query, lower-cased and without accents (as the index stores them). */
export function searchTerms(text: string): string[] {
  return (text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * A Lucene query: the exact phrase ranks first, then all words, then all words as prefixes,
 * then all words with one typo. Terms contain only letters and digits, so nothing needs escaping.
 */
export function luceneQuery(terms: string[]): string {
  const all = (suffix: string) => `(${terms.map((t) => `${t}${suffix}`).join(' AND ')})`;
  const fuzzy = terms.map((t) => (t.length >= 5 ? `${t}~1` : `${t}*`)).join(' AND ');
  return [`"${terms.join(' ')}"^4`, `${all('')}^3`, `${all('*')}^2`, `(${fuzzy})`].join(' OR ');
}

export interface SearchHit {
  node: EntityRow;
  score: number;
}

export async function searchEntities(
  cypher: QueryRunner,
  terms: string[],
  labels: NodeLabel[] | null,
  skip: number,
  limit: number,
): Promise<SearchHit[]> {
  return cypher.read<SearchHit>(
    'Search.entities',
    `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
     ${labels ? 'WHERE any(l IN labels(node) WHERE l IN $labels)' : ''}
     WITH node, score ORDER BY score DESC, node.id ASC SKIP $skip LIMIT $limit
     // Project only the page's nodes, not every hit.
     RETURN ${entityProjection('node')} AS node, score`,
    { index: SEARCH_INDEX, query: luceneQuery(terms), labels, skip: int(skip), limit: int(limit), ...NODE_LABEL_PARAM },
  );
}

export async function countSearch(cypher: QueryRunner, terms: string[], labels: NodeLabel[] | null): Promise<number> {
  const [row] = await cypher.read<{ count: number }>(
    'Search.count',
    `CALL db.index.fulltext.queryNodes($index, $query) YIELD node
     ${labels ? 'WHERE any(l IN labels(node) WHERE l IN $labels)' : ''}
     RETURN count(node) AS count`,
    { index: SEARCH_INDEX, query: luceneQuery(terms), labels },
  );
  return row?.count ?? 0;
}
