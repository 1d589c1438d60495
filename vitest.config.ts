import { defineConfig } from 'vitest/config';

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
    // Two cores: two workers share the one Neo4j. Files isolate their data by unique ids.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
