/** The one Pothos SchemaBuilder: context, scalars and plugins. Defines no domain types. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin, { ComplexityErrorKind } from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import ValidationPlugin, { type StandardSchemaV1 } from '@pothos/plugin-validation';
import { getNamedType, getNullableType, isLeafType, isListType } from 'graphql';
import type { Scope } from './auth/auth.js';
import { scopeMap, scopeRefusal } from './auth/scopes.js';
import type { Context } from './context.js';
import { NODE_LABELS } from './domain/model.js';
import { ClientError, ErrorCode, badInput } from './errors.js';
import { listArgumentComplexity } from './http/operation-limits.js';
import { DEFAULT_LIMITS } from './limits.js';
import { connectionSpecOf } from './query-cost.js';

/** The types whose global ids this API issues (every relay node type). */
const GLOBAL_ID_TYPES: ReadonlySet<string> = new Set([...NODE_LABELS, 'Source']);

/** Global ids are base64("Type:slug") of a node type; anything else is a client error with code INVALID_ID. */
function decodeGlobalIdOrFail(globalID: string): { typename: string; id: string } {
  const text = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const typename = text.slice(0, colon);
  const id = text.slice(colon + 1);
  const roundTrips = Buffer.from(text, 'utf8').toString('base64') === globalID;
  if (colon <= 0 || !id || !GLOBAL_ID_TYPES.has(typename) || !roundTrips) {
    throw new ClientError(ErrorCode.INVALID_ID, `"${globalID.slice(0, 100)}" is not a global id issued by this API.`, {
      id: globalID.slice(0, 100),
    });
  }
  return { typename, id };
}

const pathKey = (segment: PropertyKey | StandardSchemaV1.PathSegment) => String(typeof segment === 'object' ? segment.key : segment);

const described = (description: string) => ({ description });

/** The scope a failed check asked for (the first, when a field asks for several). */
function firstScope(failure: AuthFailure): Scope | null {
  if (failure.kind === AuthScopeFailureType.AuthScope) return failure.scope as Scope;
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) {
    for (const child of failure.failures) {
      const scope = firstScope(child);
      if (scope) return scope;
    }
  }
  return null;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: Record<Scope, boolean>;
  Scalars: {
    ID: { Input: string; Output: string };
    PartialDate: { Input: string; Output: string };
  };
}>({
  // Scope auth first: the scopes are checked before any other plugin runs the resolver.
  plugins: [ScopeAuthPlugin, ValidationPlugin, ErrorsPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Fields ask for scopes (`authScopes: { curator: true }`); src/auth/scopes.ts answers.
    authScopes: (ctx) => scopeMap(ctx.principal),
    unauthorizedError: (_parent, ctx, info, result) =>
      scopeRefusal(ctx.principal, firstScope(result.failure) ?? 'reader', `${info.parentType.name}.${info.fieldName}`),
  },
  relay: {
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${id}`, 'utf8').toString('base64'),
    decodeGlobalID: decodeGlobalIdOrFail,
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: described('The nodes of this page, without edge data (a shortcut for edges { node }).'),
    idFieldOptions: described('Global id (relay): use it with node(id:) and nodes(ids:).'),
    nodeTypeOptions: described('Anything with a global id that node(id:) can fetch.'),
    nodeQueryOptions: {
      ...described('Fetch any node (or source) by its global id; null when none has it.'),
      args: { id: described('A global id, as returned in any `id` field.') },
    },
    nodesQueryOptions: {
      ...described('Fetch several nodes by global id at once, in the order given (null for unknown ids).'),
      args: { ids: described('Global ids, as returned in `id` fields.') },
    },
    pageInfoTypeOptions: described('Where a page sits in the whole list, and the cursors to move from it.'),
    hasNextPageFieldOptions: described('Whether more items follow this page.'),
    hasPreviousPageFieldOptions: described('Whether items precede this page.'),
    startCursorFieldOptions: described('The cursor of the first item of this page (use with before:).'),
    endCursorFieldOptions: described('The cursor of the last item of this page (use with after:).'),
    firstArgOptions: described('Items from the start (or after `after`); default 20, at most MAX_PAGE_SIZE (100).'),
    afterArgOptions: described('Start after the item with this cursor (endCursor of the previous page).'),
    lastArgOptions: described('Items from the end (or before `before`), for paging backwards.'),
    beforeArgOptions: described('End before the item with this cursor (startCursor of the next page).'),
    edgesFieldOptions: described('The items of this page with their edge data.'),
    pageInfoFieldOptions: described('Paging information for this page.'),
    cursorFieldOptions: described('An opaque cursor for this item, for after:/before:.'),
    nodeFieldOptions: described('The item.'),
  },
  errors: {
    defaultTypes: [],
  },
  // Arguments and input fields carry zod schemas (`validate:`); a failure is BAD_USER_INPUT
  // naming the argument by its path (e.g. "filter.nameContains: must not be empty").
  validation: {
    validationError: ({ issues }) => {
      const [issue] = issues;
      const argument = issue?.path?.map(pathKey).join('.') || 'arguments';
      return badInput(argument, issue?.message ?? 'is not valid');
    },
  },
  complexity: {
    // The estimate is the worst-case number of objects in the response (edges, nodes, evidence,
    // ...): each object-valued field costs 1, times every page or list size above it. Scalars
    // cost nothing (a wide selection is bounded by MAX_TOKENS instead). A connection's page
    // size multiplies its whole sub-selection, so its `edges`/`nodes` lists count once per item:
    // they are told apart by their parent type (a relay connection), not by name alone, as
    // Subgraph.nodes or Path.nodes are real lists. The plugin's default multiplier of 10 for any
    // list would count every connection item ten times over (a 50-partner page with 5 memberships
    // each scored 183054 instead of 952). A relationship page asked at its default size counts
    // what it can really hold on this graph: the default size, or fewer when no node has that
    // many relationships of its types (src/query-cost.ts). Pages asked for count as asked.
    fieldComplexity: (args, ctx, field) => {
      // The app's own limits and statistics (complexityFromQuery without a context: the defaults).
      const limits = ctx.limits ?? DEFAULT_LIMITS;
      const page = (args.first ?? args.last ?? args.limit) as number | null | undefined;
      const isConnection = field.args?.some((a) => a.name === 'first');
      const parentType = (field.extensions?.pothosConfig as { parentType?: string } | undefined)?.parentType ?? '';
      const bound = isConnection && typeof page !== 'number' ? (ctx.degrees?.bound(connectionSpecOf(field), args) ?? null) : null;
      const isPageList = (field.name === 'edges' || field.name === 'nodes') && parentType.endsWith('Connection');
      const isList = !isPageList && !isConnection && isListType(getNullableType(field.type));
      const multiplier = isPageList
        ? 1
        : typeof page === 'number'
          ? // Larger pages are refused by the resolver with PAGE_SIZE_EXCEEDED, a clearer error.
            Math.min(Math.max(1, page), limits.maxPageSize)
          : isConnection
            ? Math.max(1, Math.min(limits.defaultPageSize, bound ?? limits.defaultPageSize))
            : isList
              ? 10
              : 1;
      // The plugin multiplies only the sub-selection: a plain list's own objects are counted
      // here (a connection's items are its edges/nodes, counted under its page multiplier).
      const objects = isLeafType(getNamedType(field.type)) ? 0 : isList ? multiplier : 1;
      // Lists in the arguments that size the result (nodes(ids:)) count by their length.
      return listArgumentComplexity(args, isList, { field: objects, multiplier });
    },
    limit: ({ limits }) => ({ complexity: limits.maxComplexity, depth: limits.maxDepth, breadth: limits.maxTokens }),
    complexityError: (kind, result) => {
      const [limitName, value, max] =
        kind === ComplexityErrorKind.Depth
          ? ['MAX_QUERY_DEPTH', result.depth, result.maxDepth]
          : kind === ComplexityErrorKind.Breadth
            ? ['MAX_TOKENS', result.breadth, result.maxBreadth]
            : ['MAX_QUERY_COMPLEXITY', result.complexity, result.maxComplexity];
      return new ClientError(
        ErrorCode.QUERY_LIMIT_EXCEEDED,
        `The query's ${kind.toLowerCase()} is ${value}, over the limit of ${max} (${limitName}); ask for smaller pages or fewer levels.`,
        { limit: limitName, maximum: max, value },
      );
    },
  },
});

builder.queryType({ description: 'Questions about the cyber-diplomacy knowledge graph.' });

/** The schema types the builder infers (Context, scalars, plugin options): for helpers that take a field builder. */
export type SchemaTypes = typeof builder.$inferSchemaTypes;
