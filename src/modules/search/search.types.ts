/** `search`: ranked full-text search over every node, in English and Indonesian. */
import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { NodeLabel } from '../../domain/model.js';
import { ClientError, ErrorCode } from '../../errors.js';
import { encodeCursor, toPage, type PageArgs } from '../../pagination.js';
import { EntityLabelEnum, totalCountField } from '../common/common.types.js';
import { EntityRef } from '../entity/entity.refs.js';
import { buildSearchQuery } from './search.lucene.js';
import { countSearch, searchEntities } from './search.repository.js';

const MAX_QUERY_LENGTH = 200;

builder.queryField('search', (t) =>
  t.connection(
    {
      type: EntityRef,
      description:
        'Ranked full-text search over names, aliases (English and Indonesian) and descriptions. Any word may match; a name or alias equal to the text comes first, then nodes matching every word, then the rest. Tolerant of case, accents, punctuation, hyphens and compounds, word prefixes, single typos and Indonesian affixes: "EU", "uni eropa", "konvensi buda", "Budapets", "Cyber-space", "rezim sanksi", "melindungi pembela HAM".',
      args: {
        text: t.arg.string({
          required: true,
          description: 'What to look for.',
          validate: z
            .string()
            .max(MAX_QUERY_LENGTH, { message: `must be at most ${MAX_QUERY_LENGTH} characters`, abort: true })
            .refine((text) => buildSearchQuery(text) !== null, 'needs at least one letter or digit'),
        }),
        kinds: t.arg({ type: [EntityLabelEnum], required: false, description: 'Only these types of node.' }),
      },
      resolve: async (_root, args, ctx) => {
        // Validated: the text has at least one word to search for.
        const query = buildSearchQuery(args.text)!;
        // Ranked results page by position: the cursor is the offset of the row.
        const page = toPage(args as PageArgs, 1, `search:${args.text}`, ctx.limits);
        const labels = (args.kinds as NodeLabel[] | null) ?? null;
        if (page.cursor && !(Number.isInteger(page.cursor[0]) && (page.cursor[0] as number) >= 0)) {
          throw new ClientError(ErrorCode.INVALID_CURSOR, 'The cursor is not one this search issued.', {
            argument: page.backward ? 'before' : 'after',
          });
        }
        // The relay plugin's offset arithmetic (window, one row more, pageInfo), fed with the
        // offset our cursor carries: cursors stay scoped to this search text (pagination.ts).
        // A backward page without a cursor ends at the start, as before: `last` alone is empty.
        const offset = page.cursor ? (page.cursor[0] as number) : page.backward ? 0 : null;
        const window = offsetForArgs({
          args: page.backward
            ? { last: page.size, before: offsetToCursor(offset ?? 0) }
            : { first: page.size, after: offset === null ? null : offsetToCursor(offset) },
          defaultSize: ctx.limits.defaultPageSize,
          maxSize: ctx.limits.maxPageSize,
        });
        const hits = await searchEntities(ctx.cypher, query, labels, window.offset, window.limit);
        const edges = hits.slice(0, window.expectedSize).map((hit, i) => ({
          cursor: encodeCursor([window.offset + i], page.scope),
          node: ctx.loaders.primeEntity(hit.node),
          score: hit.score,
        }));
        return {
          edges,
          pageInfo: {
            hasNextPage: window.hasNextPage(hits.length),
            hasPreviousPage: window.hasPreviousPage,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          totalCount: () => countSearch(ctx.cypher, query, labels),
        };
      },
    },
    {
      name: 'SearchConnection',
      description: 'A page of search results, best match first.',
      fields: (c) => ({
        ...totalCountField(c, 'How many nodes match, over all pages. Counted only when asked for.'),
      }),
    },
    {
      name: 'SearchEdge',
      description: 'One search result with its relevance score.',
      fields: (e) => ({
        score: e.float({
          description:
            'Relevance, higher first; comparable within one search only. The integer part is the match tier (4: a name or alias equals the text as typed; 3: a name or alias has exactly its words; 2: every word matches; 1: some word matches), the fraction the rank within the tier (names with more of its words and fewer others first, then the text score).',
          resolve: (edge) => (edge as unknown as { score: number }).score,
        }),
      }),
    },
  ),
);
