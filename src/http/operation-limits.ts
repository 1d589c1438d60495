/**
 * Bounds on work that the document limits (depth, aliases, tokens) and the page-aware
 * complexity do not see, checked before execution:
 *
 * - every list in the arguments and variables has at most MAX_LIST_ARGUMENT items (a 30-alias
 *   `nodes(ids:)` with 2,600 ids each once turned 94 KB into an 18.5 MB answer); the lists that
 *   size a field's result also count in its complexity (listArgumentComplexity below);
 * - introspection is priced: one `__schema` and a few `__type` per operation (each `__schema`
 *   walks the whole schema: thirty aliased ones cost 1.75 s of CPU);
 * - `paths(all: true)` (every shortest path: expensive in Neo4j) is limited per operation, and so
 *   are `paths` overall.
 *
 * Refusals are QUERY_LIMIT_EXCEEDED naming the limit and the value, like the other limits.
 */
import { GraphQLError, Kind, type DocumentNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';
import type { Limits } from '../limits.js';
import { forEachSelectedField, operationToRun } from './operation-fields.js';

export const MAX_SCHEMA_INTROSPECTIONS = 1;
export const MAX_TYPE_INTROSPECTIONS = 10;
export const MAX_ALL_PATHS = 2;
export const MAX_PATHS = 10;

function refusal(limit: string, maximum: number, value: number, what: string): GraphQLError {
  return new GraphQLError(`The operation asks for ${value} ${what}, over the limit of ${maximum} (${limit}).`, {
    extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit, maximum, value },
  });
}

/** The longest list anywhere in a value (variables), walked without recursion. */
function longestList(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      longest = Math.max(longest, current.length);
      for (const item of current) if (item !== null && typeof item === 'object') stack.push(item);
    } else if (current !== null && typeof current === 'object') {
      for (const item of Object.values(current)) if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
  return longest;
}

function longestLiteralList(value: ValueNode): number {
  let longest = 0;
  const stack: ValueNode[] = [value];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.kind === Kind.LIST) {
      longest = Math.max(longest, current.values.length);
      stack.push(...current.values);
    } else if (current.kind === Kind.OBJECT) {
      for (const field of current.fields) stack.push(field.value);
    }
  }
  return longest;
}

interface Counts {
  schema: number;
  type: number;
  paths: number;
  allPaths: number;
  longestList: number;
}

/** Counts the priced fields of the operation to run, fragments included (each use counted). */
function countFields(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): Counts {
  const counts: Counts = { schema: 0, type: 0, paths: 0, allPaths: 0, longestList: 0 };
  const operation = operationToRun(document, operationName);
  if (!operation) return counts;
  // Fragments used many times multiply: stop counting once far past every limit.
  forEachSelectedField(
    document,
    operation,
    (field) => {
      const name = field.name.value;
      if (name === '__schema') counts.schema++;
      else if (name === '__type') counts.type++;
      else if (name === 'paths') {
        counts.paths++;
        const all = field.arguments?.find((a) => a.name.value === 'all')?.value;
        const isAll = all?.kind === Kind.BOOLEAN ? all.value : all?.kind === Kind.VARIABLE ? variables[all.name.value] === true : false;
        if (isAll) counts.allPaths++;
      }
      for (const argument of field.arguments ?? []) counts.longestList = Math.max(counts.longestList, longestLiteralList(argument.value));
    },
    { nested: true, maxSelectionSets: 100_001 },
  );
  return counts;
}

/** The first limit the operation breaks, or null. */
export function operationLimitError(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: Pick<Limits, 'maxListArgument'>,
): GraphQLError | null {
  const values = variables ?? {};
  const counts = countFields(document, operationName, values);
  const longest = Math.max(counts.longestList, longestList(values));
  if (longest > limits.maxListArgument) return refusal('MAX_LIST_ARGUMENT', limits.maxListArgument, longest, 'items in one list argument');
  if (counts.schema > MAX_SCHEMA_INTROSPECTIONS)
    return refusal('MAX_SCHEMA_INTROSPECTIONS', MAX_SCHEMA_INTROSPECTIONS, counts.schema, '__schema introspections');
  if (counts.type > MAX_TYPE_INTROSPECTIONS)
    return refusal('MAX_TYPE_INTROSPECTIONS', MAX_TYPE_INTROSPECTIONS, counts.type, '__type introspections');
  if (counts.allPaths > MAX_ALL_PATHS) return refusal('MAX_ALL_PATHS', MAX_ALL_PATHS, counts.allPaths, 'paths(all: true) searches');
  if (counts.paths > MAX_PATHS) return refusal('MAX_PATHS', MAX_PATHS, counts.paths, 'paths searches');
  return null;
}

export function useOperationLimits(limits: Pick<Limits, 'maxListArgument'>): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = args.variableValues as Record<string, unknown> | undefined;
      const error = operationLimitError(args.document, args.operationName, variables, limits);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

/**
 * Complexity for a field whose result grows with a list argument (nodes(ids:), compare(slugs:)):
 * the list's length, not a flat guess, multiplies its selection. Used by the builder's
 * fieldComplexity; fields without a list argument keep their cost.
 */
export function listArgumentComplexity(
  args: Record<string, unknown>,
  returnsList: boolean,
  cost: { field: number; multiplier: number },
): { field: number; multiplier: number } {
  if (!returnsList) return cost;
  let longest = 0;
  for (const value of Object.values(args)) if (Array.isArray(value)) longest = Math.max(longest, value.length);
  if (longest === 0) return cost;
  return { field: Math.max(cost.field, longest), multiplier: Math.max(cost.multiplier, longest) };
}
