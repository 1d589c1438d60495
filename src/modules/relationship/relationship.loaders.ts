/**
 * The relationship module's per-request loaders: pages of edges per parent, one loader per plan
 * (what the query reads at that place: the page, its count, the selected properties and the pages
 * below). A root field that read its relationship tree in one statement primes them, so the
 * connection resolvers find their pages here; what no plan primed is batched per query level.
 */
import type DataLoader from 'dataloader';
import type { LoaderKit } from '../../loaders.js';
import type { EntityRow } from '../entity/entity.repository.js';
import { edgesOf, type EdgePage, type EdgePlan } from './relationship.repository.js';

/** `entity`: the request's entity loader, primed with the nodes each page brings along. */
export function relationshipLoaders({ cypher, keyed }: LoaderKit, { entity }: { entity: DataLoader<string, EntityRow | null> }) {
  /** This request's loader keys of plans, computed once per plan object. */
  const planKeys = new WeakMap<EdgePlan, string>();
  /** This request's plans by the place in the query they were made for (the same for every parent there). */
  const plans = new WeakMap<object, EdgePlan>();

  /** Only full rows may answer later id lookups; a planned row holds just what its query asked. */
  const primeNodes = (plan: EdgePlan, page: EdgePage) => {
    if (plan.node.properties === null) for (const row of page.rows) entity.prime(row.node.id, row.node);
  };

  /**
   * A page of edges per parent, read as the plan says (the fields its query selects, totalCount
   * when asked, and the pages of the level below, all in the same statement).
   */
  const edges = (plan: EdgePlan) => {
    let key = planKeys.get(plan);
    if (key === undefined) {
      key = `edges:${JSON.stringify(plan)}`;
      planKeys.set(plan, key);
    }
    return keyed<EdgePage>(key, async (ids) => {
      const found = await edgesOf(cypher, plan, ids);
      return ids.map((id) => {
        const page = found.get(id) ?? { rows: [], total: plan.withCount ? 0 : null };
        primeNodes(plan, page);
        return page;
      });
    });
  };

  return {
    edges,
    /** Hands a page read by another statement (a parent's plan) to the loader its field will ask. */
    primeEdges(plan: EdgePlan, parentId: string, page: EdgePage) {
      edges(plan).prime(parentId, page);
      primeNodes(plan, page);
    },
    /** The plan for one place of the query (`at`: its field nodes), made on first use within the request. */
    edgePlan(at: object, make: () => EdgePlan): EdgePlan {
      let plan = plans.get(at);
      if (!plan) {
        plan = make();
        plans.set(at, plan);
      }
      return plan;
    },
  };
}

export type RelationshipLoaders = ReturnType<typeof relationshipLoaders>;

declare module '../../loaders.js' {
  interface Loaders extends RelationshipLoaders {}
}
