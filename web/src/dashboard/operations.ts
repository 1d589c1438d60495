/** One operation per chart, so "show query" shows exactly what feeds it. */
import { operation } from '../api/client';

export const CountsByType = operation<{ dashboard: { nodeCounts: Array<{ label: string; count: number }> } }>(`
query DashboardCountsByType {
  dashboard { nodeCounts { label count } }
}`);

export const ProgrammePartnerships = operation<{
  dashboard: { groupCount: Array<{ keys: Array<string | null>; count: number }> };
  programmes: { nodes: Array<{ slug: string; name: string }> };
}>(`
query DashboardProgrammePartnerships {
  dashboard {
    groupCount(groupBy: [END_NODE], relationshipTypes: [PARTNER_IN], endLabels: [Programme]) { keys count }
  }
  programmes(first: 100) { nodes { slug name } }
}`);

export interface TreatyFacts {
  slug: string;
  name: string;
  facts: Array<{
    property: string;
    value: string;
    count: number | null;
    date: string | null;
    evidence: { sourceSlug: string; asOf: string | null };
  }>;
}

export const TreatyStatus = operation<{
  treaties: { nodes: TreatyFacts[] };
  dashboard: { groupCount: Array<{ keys: Array<string | null>; count: number }> };
}>(`
query DashboardTreatyStatus {
  treaties(first: 100) {
    nodes { slug name facts { property value count date evidence { sourceSlug asOf } } }
  }
  dashboard {
    groupCount(groupBy: [END_NODE, TYPE], relationshipTypes: [SIGNED, RATIFIED], endLabels: [Treaty]) { keys count }
  }
}`);

export const DatedFactsTimeline = operation<{ dashboard: { timelineCounts: Array<{ period: string; count: number }> } }>(`
query DashboardTimeline {
  dashboard { timelineCounts(granularity: YEAR) { period count } }
}`);

export const EvidenceCoverage = operation<{
  dashboard: {
    evidenceCoverage: {
      facts: number;
      withEvidence: number;
      withoutEvidence: number;
      bySource: Array<{ sourceSlug: string | null; count: number; source: { title: string; language: 'EN' | 'ID'; kind: string } | null }>;
      byLanguage: Array<{ language: 'EN' | 'ID' | null; count: number }>;
    };
  };
}>(`
query DashboardEvidenceCoverage {
  dashboard {
    evidenceCoverage {
      facts withEvidence withoutEvidence
      bySource { sourceSlug count source { title language kind } }
      byLanguage { language count }
    }
  }
}`);

export const MostConnectedActors = operation<{
  mostConnected: Array<{ degree: number; node: { slug: string; name: string; kind: string } }>;
}>(`
query DashboardMostConnectedActors {
  mostConnected(labels: [Actor], limit: 15) { degree node { slug name kind } }
}`);
