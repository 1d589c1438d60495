/** The explorer's unit tests alone (pure mapping functions, no browser, no Neo4j). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { root: new URL('.', import.meta.url).pathname, include: ['src/**/*.test.ts'] },
});
