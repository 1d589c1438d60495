/**
 * The GraphiQL playground, served entirely by this service: no request leaves the machine.
 * GraphiQL's scripts, styles and editor workers come from the `@graphql-yoga/render-graphiql`
 * package (the bundle yoga makes for offline use) and are served as cacheable files under
 * /playground/ instead of inlined into every page (9 MB). The page opens on the default
 * operation and offers every example of schema/examples/ as a tab, with its variables.
 */
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { Kind, parse, valueFromASTUntyped, type OperationDefinitionNode } from 'graphql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const PLAYGROUND_ASSETS_PATH = '/playground';
/** The operation the page opens on (its first tab). */
export const PLAYGROUND_DEFAULT_OPERATION = 'eu-cyber-direct-partners';

interface Assets {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

interface Asset {
  type: string;
  body: Uint8Array;
  gzipped?: Uint8Array;
}

/** The bundle's files (CommonJS build: its file is not in the package's export map). */
function readPlaygroundAssets(): Map<string, Asset> {
  const require = createRequire(import.meta.url);
  const index = require.resolve('@graphql-yoga/render-graphiql');
  const bundle = require(index.replace(/index\.js$/, 'graphiql.js')) as Assets;
  const text = (type: string, s: string): Asset => ({ type, body: new TextEncoder().encode(s) });
  const [, faviconBase64 = ''] = bundle.favicon.split(',');
  return new Map([
    ['yoga-graphiql.js', text('text/javascript; charset=utf-8', bundle.js)],
    ['graphiql.css', text('text/css; charset=utf-8', bundle.css)],
    ['editor.worker.js', text('text/javascript; charset=utf-8', bundle.editorWorkerService)],
    ['json.worker.js', text('text/javascript; charset=utf-8', bundle.jsonWorker)],
    ['graphql.worker.js', text('text/javascript; charset=utf-8', bundle.graphqlWorker)],
    ['favicon.ico', { type: 'image/x-icon', body: Buffer.from(faviconBase64, 'base64') }],
  ]);
}

/** Serves the playground's files (gzipped when the browser accepts it), cacheable for a day. */
export function usePlaygroundAssets(): Plugin {
  // Read once per app, on the first request for them.
  let assets: Map<string, Asset> | null = null;
  const playgroundAssets = () => {
    assets ??= readPlaygroundAssets();
    return assets;
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(`${PLAYGROUND_ASSETS_PATH}/`)) return;
      const asset = playgroundAssets().get(url.pathname.slice(PLAYGROUND_ASSETS_PATH.length + 1));
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) {
        endResponse(new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') && asset.type.startsWith('text/');
      if (gzip) asset.gzipped ??= gzipSync(asset.body);
      const body = gzip ? asset.gzipped! : asset.body;
      endResponse(
        new Response(request.method === 'HEAD' ? null : (body as unknown as BodyInit), {
          status: 200,
          headers: {
            'content-type': asset.type,
            'cache-control': 'public, max-age=86400',
            vary: 'accept-encoding',
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
            // Scripts and workers of this page only; a worker runs under its script's policy.
            'content-security-policy': "default-src 'self' blob: data:; script-src 'self' blob:; frame-ancestors 'none'",
          },
        }),
      );
    },
  };
}

export interface PlaygroundTab {
  /** The example's file name without extension. */
  name: string;
  query: string;
  /** JSON of the operation's variable defaults, when it declares variables. */
  variables?: string;
}

/** The operation's declared variable defaults as pretty JSON ("{}" when it has none). */
export function variablesOf(query: string): string | undefined {
  const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const defs = operation?.variableDefinitions ?? [];
  if (defs.length === 0) return undefined;
  const values = Object.fromEntries(defs.map((d) => [d.variable.name.value, d.defaultValue ? valueFromASTUntyped(d.defaultValue) : null]));
  return JSON.stringify(values, null, 2);
}

/** The tabs the page opens with: the default operation first, then every other example by name. */
export function playgroundTabs(operations: ReadonlyMap<string, string>, first: string): PlaygroundTab[] {
  const named = [...operations].filter(([key]) => !/^[0-9a-f]{64}$/.test(key));
  named.sort(([a], [b]) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)));
  return named.map(([name, query]) => ({ name, query, variables: variablesOf(query) }));
}

const escapeScript = (json: string) => json.replace(/</g, '\\u003c');
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The page's fetcher: a plain POST of the operation as JSON (the service has no subscriptions,
 * uploads or incremental delivery). GraphiQL keeps the previous tab's operation name for a
 * moment after a tab is switched, and yoga's own fetcher then refused the run ("Cannot infer
 * operation"); this one sends the name only when the document defines it, so the server runs
 * the document's one operation (or asks for a name when it has several).
 */
const PLAYGROUND_FETCHER = String.raw`
  function playgroundFetcher(endpoint) {
    return async (params, options) => {
      const name = params.operationName;
      const named =
        typeof name === 'string' &&
        /^[_A-Za-z][_0-9A-Za-z]*$/.test(name) &&
        new RegExp('\b(query|mutation|subscription)\s+' + name + '\b').test(params.query);
      const response = await fetch(endpoint, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          accept: 'application/graphql-response+json, application/json',
          'content-type': 'application/json',
          ...(options?.headers ?? {}),
        },
        body: JSON.stringify({ query: params.query, variables: params.variables ?? undefined, operationName: named ? name : undefined }),
      });
      return response.json();
    };
  }`;

/** The page: GraphiQL from /playground/, its editor workers turned into blob URLs as yoga does. */
export function renderPlayground(options: GraphiQLOptions): string {
  const base = PLAYGROUND_ASSETS_PATH;
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${base}/favicon.ico">
<link rel="stylesheet" href="${base}/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run the playground.</noscript>
<div id="root">Loading ${title}...</div>
<script>
  const workers = {};
  const workerUrls = {
    editorWorkerService: '${base}/editor.worker.js',
    json: '${base}/json.worker.js',
    graphql: '${base}/graphql.worker.js',
  };
  function prepareWorkers() {
    return Promise.all(Object.entries(workerUrls).map(async ([label, url]) => {
      const code = await (await fetch(url)).text();
      workers[label] = URL.createObjectURL(new Blob([code], { type: 'application/javascript' }));
    }));
  }
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
</script>
<script src="${base}/yoga-graphiql.js"></script>
<script>
${PLAYGROUND_FETCHER}
  const options = ${escapeScript(JSON.stringify(options))};
  const endpoint = new URL(options.endpoint ?? location.pathname, location.href).href;
  prepareWorkers().finally(() =>
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), { ...options, fetcher: playgroundFetcher(endpoint) }),
  );
</script>
</body>
</html>
`;
}
