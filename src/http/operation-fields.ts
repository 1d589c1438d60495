/**
 * The fields a request's operation selects, walked through its fragments: what the checks before
 * execution (operation-limits.ts, load-gate.ts) count. One walk, so they agree on which operation
 * runs and on what a fragment spread contributes.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The operation a request runs: the one named, else the first (validation refuses ambiguity later). */
export function operationToRun(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

/**
 * Calls `visit` on each field the operation selects, through fragment spreads and inline
 * fragments: only its root fields, or (`nested`) every field at every level. Stops after
 * `maxSelectionSets` selection sets, since fragments used many times multiply the walk.
 */
export function forEachSelectedField(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  visit: (field: FieldNode) => void,
  options: { nested: boolean; maxSelectionSets: number },
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const stack: SelectionSetNode[] = [operation.selectionSet];
  let visited = 0;
  while (stack.length > 0 && visited++ < options.maxSelectionSets) {
    const set = stack.pop()!;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) stack.push(fragment.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push(selection.selectionSet);
      } else {
        visit(selection);
        if (options.nested && selection.selectionSet) stack.push(selection.selectionSet);
      }
    }
  }
}
