/**
 * `npm run deps:check`: the direction of imports (issue 15). Fails on any circular import in
 * src/ and on any import from src/ into seed/ (seed/ holds data and two thin CLIs built on src/).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A loop of imports: modules that need each other cannot be read, tested or changed one at a time.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-seed',
      severity: 'error',
      comment: 'seed/ depends on src/, never the reverse: the service must not need the seed CLIs to run.',
      from: { path: '^src/' },
      to: { path: '^seed/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
