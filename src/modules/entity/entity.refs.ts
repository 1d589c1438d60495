/** Refs for the domain node types, so modules can point at them before they are implemented. */
import type { OutputRef } from '@pothos/core';
import { builder } from '../../builder.js';
import { NODE_LABELS, type NodeLabel } from '../../domain/model.js';
import type { EntityRow } from './entity.repository.js';

export const EntityRef = builder.interfaceRef<EntityRow>('Entity');

export const EntityTypeRefs = Object.fromEntries(NODE_LABELS.map((label) => [label, builder.objectRef<EntityRow>(label)])) as Record<
  NodeLabel,
  ReturnType<typeof builder.objectRef<EntityRow>>
>;

/** The GraphQL type for a target: one node type, or the Entity interface for several. */
export function refFor(labels: readonly NodeLabel[] | null): OutputRef<EntityRow> {
  return labels?.length === 1 && labels[0] ? EntityTypeRefs[labels[0]] : EntityRef;
}
