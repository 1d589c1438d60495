/**
 * `npm run deps:check`: the direction of imports. Requests flow http -> schema/modules ->
 * repositories -> db; this fails on any circular import in src/, on any import from src/ into
 * seed/ (seed/ holds data and two thin CLIs built on src/), on the shared request plumbing
 * (context, loaders, builder) importing a module, and on a repository importing GraphQL or HTTP.
 * Type-only imports count.
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
    {
      name: 'plumbing-imports-no-module',
      severity: 'error',
      comment:
        'context.ts, loaders.ts and builder.ts are imported by every module; importing one back makes a loop. Modules add their loaders to the Loaders interface; app.ts wires them.',
      from: { path: '^src/(context|loaders|builder)[.]ts$' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'repositories-without-graphql',
      severity: 'error',
      comment: 'A repository runs Cypher and returns rows; it knows nothing of GraphQL, HTTP or the request context.',
      from: { path: '[.]repository[.]ts$' },
      to: { path: '([.]types|[.]http|[.]loaders)[.]ts$|^src/(app|builder|context|loaders|schema)[.]ts$|^src/http/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
