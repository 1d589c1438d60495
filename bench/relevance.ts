/**
 * Search relevance: the queries of `test/search/relevance-set.yaml` (English and Indonesian, each
 * with the node that must come first or among the first three), asked through `search(text:)`,
 * scored as precision@1 (the expected node is the first hit) and recall@5 (it is among the first
 * five; each query has one relevant node), plus the mean reciprocal rank.
 *
 * A library (`readRelevanceSet`, `evaluateRelevance`, `renderRelevance`) used by
 * test/search/relevance.test.ts, and the CLI behind `npm run bench:relevance` (also run by
 * `npm run bench`): a throw-away embedded Neo4j with the schema and the curated seed, the app
 * in-process, results to bench/results/relevance-<time>.json and bench/results/relevance-latest.md.
 * With NEO4J_URI set it reads that graph as it is (the seed must be loaded) and writes nothing.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const RELEVANCE_SET_FILE = path.resolve(HERE, '../test/search/relevance-set.yaml');
const RESULTS_DIR = path.join(HERE, 'results');

const relevanceQuery = z.object({
  lang: z.enum(['en', 'id']),
  query: z.string().min(1),
  expect: z.string().min(1),
  within: z.union([z.literal(1), z.literal(3)]),
});
export type RelevanceQuery = z.infer<typeof relevanceQuery>;

export async function readRelevanceSet(file = RELEVANCE_SET_FILE): Promise<RelevanceQuery[]> {
  return z
    .array(relevanceQuery)
    .min(1)
    .parse(parse(await readFile(file, 'utf8')));
}

export interface RelevanceOutcome extends RelevanceQuery {
  /** 1-based position of the expected node in the first 10 hits; null when absent. */
  rank: number | null;
  top: string[];
  met: boolean;
}

export interface RelevanceFigures {
  queries: number;
  precisionAt1: number;
  recallAt5: number;
  mrr: number;
  met: number;
}

export interface RelevanceReport {
  overall: RelevanceFigures;
  byLanguage: Record<'en' | 'id', RelevanceFigures>;
  outcomes: RelevanceOutcome[];
}

/** `search` answers the slugs of the first ten hits for a text, best first. */
export async function evaluateRelevance(set: RelevanceQuery[], search: (text: string) => Promise<string[]>): Promise<RelevanceReport> {
  const outcomes: RelevanceOutcome[] = [];
  for (const q of set) {
    const top = await search(q.query);
    const index = top.indexOf(q.expect);
    const rank = index < 0 ? null : index + 1;
    outcomes.push({ ...q, rank, top: top.slice(0, 5), met: rank !== null && rank <= q.within });
  }
  const figures = (list: RelevanceOutcome[]): RelevanceFigures => {
    const share = (n: number) => (list.length === 0 ? 0 : Math.round((n / list.length) * 1000) / 1000);
    return {
      queries: list.length,
      precisionAt1: share(list.filter((o) => o.rank === 1).length),
      recallAt5: share(list.filter((o) => o.rank !== null && o.rank <= 5).length),
      mrr: share(list.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0)),
      met: list.filter((o) => o.met).length,
    };
  };
  return {
    overall: figures(outcomes),
    byLanguage: { en: figures(outcomes.filter((o) => o.lang === 'en')), id: figures(outcomes.filter((o) => o.lang === 'id')) },
    outcomes,
  };
}

export function renderRelevance(report: RelevanceReport, startedAt: string): string {
  const row = (label: string, f: RelevanceFigures) =>
    `| ${label} | ${f.queries} | ${f.precisionAt1.toFixed(3)} | ${f.recallAt5.toFixed(3)} | ${f.mrr.toFixed(3)} | ${f.met}/${f.queries} |`;
  const misses = report.outcomes.filter((o) => o.rank !== 1);
  return [
    `# Search relevance (${startedAt})`,
    '',
    `The set: [test/search/relevance-set.yaml](../../test/search/relevance-set.yaml), asked through \`search(text:)\` on the curated seed.`,
    '',
    '| queries | n | precision@1 | recall@5 | MRR | expectation met |',
    '|---|---:|---:|---:|---:|---:|',
    row('all', report.overall),
    row('English', report.byLanguage.en),
    row('Indonesian', report.byLanguage.id),
    '',
    misses.length === 0 ? 'Every expected node comes first.' : 'Queries whose expected node is not first:',
    '',
    ...(misses.length === 0
      ? []
      : [
          '| query | expected | within | rank | first five |',
          '|---|---|---:|---:|---|',
          ...misses.map((o) => `| ${o.query} | ${o.expect} | ${o.within} | ${o.rank ?? '-'} | ${o.top.join(', ')} |`),
        ]),
    '',
  ].join('\n');
}

const SEARCH = 'query Relevance($text: String!) { search(text: $text, first: 10) { nodes { slug } } }';

async function main(): Promise<void> {
  const [
    { startEmbeddedNeo4j },
    { createDriver },
    { Database },
    { applySchema },
    { readValidSeed },
    { loadSeed },
    { createApp },
    { createLogger },
  ] = await Promise.all([
    import('../src/db/embedded.js'),
    import('../src/db/driver.js'),
    import('../src/db/query.js'),
    import('../src/db/schema.js'),
    import('../src/modules/import/curated-seed.js'),
    import('../src/modules/import/seed-loader.js'),
    import('../src/app.js'),
    import('../src/logger.js'),
  ]);
  const log = (message: string) => process.stderr.write(`[relevance] ${message}\n`);
  const startedAt = new Date().toISOString();
  const external = process.env.NEO4J_URI;
  const dataDir = external ? undefined : await mkdtemp(path.join(os.tmpdir(), 'cdg-relevance-neo4j-'));
  const embedded = dataDir ? await startEmbeddedNeo4j({ dataDir, port: 0, heap: '512m', pageCache: '64m', onProgress: log }) : undefined;
  const uri = external ?? (embedded as { uri: string }).uri;
  const db = new Database(
    createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD || undefined }),
    {
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
      timeoutMs: 60_000,
    },
  );
  try {
    const runner = db.observed(() => {});
    if (!external) {
      await applySchema(runner);
      await loadSeed(runner, await readValidSeed());
    }
    const app = createApp({
      env: {
        NODE_ENV: 'test',
        GRAPHIQL: false,
        NEO4J_DATABASE: process.env.NEO4J_DATABASE ?? 'neo4j',
        CACHE_TTL_MS: 0,
        RATE_LIMIT_PER_MINUTE: 0,
      } as Parameters<typeof createApp>[0]['env'],
      db,
      logger: createLogger('silent'),
    });
    const report = await evaluateRelevance(await readRelevanceSet(), async (text) => {
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SEARCH, variables: { text } }),
      });
      const body = (await response.json()) as { data?: { search: { nodes: Array<{ slug: string }> } }; errors?: unknown[] };
      if (body.errors) throw new Error(`search "${text}" failed: ${JSON.stringify(body.errors)}`);
      return body.data?.search.nodes.map((n) => n.slug) ?? [];
    });
    const markdown = renderRelevance(report, startedAt);
    process.stdout.write(`${markdown}\n`);
    if (!external || process.env.RELEVANCE_WRITE === '1') {
      await mkdir(RESULTS_DIR, { recursive: true });
      const stamp = startedAt.replace(/[:.]/g, '-');
      await writeFile(path.join(RESULTS_DIR, `relevance-${stamp}.json`), `${JSON.stringify({ startedAt, ...report }, null, 2)}\n`);
      await writeFile(path.join(RESULTS_DIR, 'relevance-latest.md'), markdown);
      log(`wrote bench/results/relevance-${stamp}.json and relevance-latest.md`);
    }
  } finally {
    await db.close();
    if (embedded) await embedded.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  });
}
