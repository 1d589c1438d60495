/**
 * The explorer (web/, built by Vite into web/dist) served at `/`: index.html and its hashed
 * assets, from the service itself, with no CDN. Only files that the build wrote are served
 * (a listing of the folder, never a path taken from the URL), with their content type;
 * hashed assets are cached for a year, index.html is revalidated (ETag) so a new build shows
 * at once. The explorer talks to /graphql like any other client.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../paths.js';

export const EXPLORER_DIST = path.join(PROJECT_ROOT, 'web/dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page's own policy: scripts and data only from this service; inline styles for the chart and graph libraries. */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  immutable: boolean;
}

export function useExplorer(distDir: string = EXPLORER_DIST): Plugin {
  let files: Map<string, string> | null = null;
  let scannedAt = 0;
  const assets = new Map<string, Asset>();

  /** URL path -> file path, for every file the build wrote; rescanned (at most every 2 s) on a miss. */
  const listing = async (): Promise<Map<string, string>> => {
    if (files && Date.now() - scannedAt < 2000) return files;
    const next = new Map<string, string>();
    const walk = async (dir: string, prefix: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full, `${prefix}${entry.name}/`);
        else if (entry.isFile()) next.set(`/${prefix}${entry.name}`, full);
      }
    };
    await walk(distDir, '');
    files = next;
    scannedAt = Date.now();
    return next;
  };

  const load = async (urlPath: string): Promise<Asset | null> => {
    const cached = assets.get(urlPath);
    if (cached) return cached;
    let file = (files ?? (await listing())).get(urlPath);
    if (!file) file = (await listing()).get(urlPath);
    if (!file) return null;
    // A file can vanish while a rebuild empties the folder: then it is simply not there.
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) return null;
    const body = new Uint8Array(bytes);
    const asset: Asset = {
      body,
      type: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      immutable: urlPath.startsWith('/assets/'),
    };
    // Hashed assets never change under their name; the rest (index.html) is read again, so a
    // rebuild shows without a restart.
    if (asset.immutable) assets.set(urlPath, asset);
    return asset;
  };

  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const pathname = url.pathname;
      // The API's own paths are never shadowed by a file.
      if (/^\/(graphql|health|ready|metrics|export|import)(\/|$)/.test(pathname)) return;
      const urlPath = pathname === '/' ? '/index.html' : pathname;
      const asset = await load(urlPath);
      if (!asset) {
        if (pathname === '/' || pathname === '/index.html') {
          endResponse(
            new Response('The explorer is not built. Run `npm run build:web` (npm start does it when web/dist is missing).\n', {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
          );
        }
        return;
      }
      const headers: Record<string, string> = {
        'content-type': asset.type,
        etag: asset.etag,
        'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      if (asset.type.startsWith('text/html')) headers['content-security-policy'] = EXPLORER_CSP;
      if (request.headers.get('if-none-match') === asset.etag) {
        endResponse(new Response(null, { status: 304, headers }));
        return;
      }
      endResponse(
        new Response(request.method === 'HEAD' ? null : asset.body, {
          status: 200,
          headers: { ...headers, 'content-length': String(asset.body.byteLength) },
        }),
      );
    },
  };
}
