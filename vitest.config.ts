import { defineConfig } from 'vitest/config';

// One Neo4j per worker (test/global-setup.ts). A database named by NEO4J_URI is a single one, so
// such a run uses one worker.
const workers = process.env.NEO4J_URI ? 1 : 2;

export default defineConfig({
  resolve: {
    // One graphql for everything: Vite would resolve our `import 'graphql'` to index.mjs while
    // yoga and Pothos (loaded by Node) get index.js. Two realms make `instanceof GraphQLError`
    // fail, so every client error (NOT_FOUND, INVALID_ID, ...) was masked as an internal error
    // in tests only. Node (tsx, production) always resolves index.js; tests now do too.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // The explorer's unit tests (web/src) run with the rest; npm run test:web runs them alone.
    include: ['test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Before each file: its worker's Neo4j back to the seed if an earlier file wrote to it.
    setupFiles: ['test/fresh-database.ts'],
    // Two cores: two workers, each with its own Neo4j; a file runs in a fresh process (isolate).
    pool: 'forks',
    maxWorkers: workers,
    // Sized for a busy machine (several times the quiet figures), not for catching slowness:
    // no test here is about speed, and the ones about timeouts set their own.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
