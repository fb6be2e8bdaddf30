/**
 * Static files of the offline explorer, served by the hub itself: GraphiQL, React and ReactDOM from
 * node_modules (the exact versions that were installed with the hub) and the explorer's own script and
 * style from src/web/public. Only the files listed here are served; there is no directory listing and
 * no path from the request ever reaches the file system.
 *
 * Each file is read once, kept in memory with a gzip copy (GraphiQL is 3.5 MB, ~0.8 MB gzipped) and an
 * ETag. Vendor files are requested with `?v=<package version>` and cached for a year (immutable); the
 * hub's own files are revalidated with their ETag on every load.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type express from 'express';

const gzip = promisify(gzipCb);
const require = createRequire(import.meta.url);

/** Installed folder and version of a package (its package.json is exported by all three used here). */
function pkg(name: string): { dir: string; version: string } {
  const file = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  return { dir: path.dirname(file), version };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const MAP = 'application/json; charset=utf-8';

export interface Asset {
  /** Absolute path on disk. */
  file: string;
  /** Content-Type sent with it. */
  type: string;
  /** Version for the URL's `?v=`: vendor files are immutable under it; null = revalidate every time. */
  version: string | null;
}

/** URL prefix of the explorer's files. */
export const ASSET_PREFIX = '/explorer/assets/';

/** Every file the explorer may load, by its name under ASSET_PREFIX. */
export function explorerAssets(): Record<string, Asset> {
  const graphiql = pkg('graphiql');
  const react = pkg('react');
  const reactDom = pkg('react-dom');
  const own = path.join(import.meta.dirname, 'public');
  return {
    'react.production.min.js': {
      file: path.join(react.dir, 'umd/react.production.min.js'),
      type: JS,
      version: react.version,
    },
    'react-dom.production.min.js': {
      file: path.join(reactDom.dir, 'umd/react-dom.production.min.js'),
      type: JS,
      version: reactDom.version,
    },
    'graphiql.min.js': {
      file: path.join(graphiql.dir, 'graphiql.min.js'),
      type: JS,
      version: graphiql.version,
    },
    'graphiql.min.css': {
      file: path.join(graphiql.dir, 'graphiql.min.css'),
      type: CSS,
      version: graphiql.version,
    },
    // named by the sourceMappingURL comments of the two files above; only fetched with devtools open
    'graphiql.min.js.map': {
      file: path.join(graphiql.dir, 'graphiql.min.js.map'),
      type: MAP,
      version: graphiql.version,
    },
    'graphiql.min.css.map': {
      file: path.join(graphiql.dir, 'graphiql.min.css.map'),
      type: MAP,
      version: graphiql.version,
    },
    'explorer.js': { file: path.join(own, 'explorer.js'), type: JS, version: null },
    'explorer.css': { file: path.join(own, 'explorer.css'), type: CSS, version: null },
  };
}

/** URL of an asset as the page references it (with `?v=` for vendor files). */
export function assetUrl(assets: Record<string, Asset>, name: string): string {
  const a = assets[name];
  if (!a) throw new Error(`unknown explorer asset ${name}`);
  return ASSET_PREFIX + name + (a.version ? `?v=${encodeURIComponent(a.version)}` : '');
}

interface Loaded {
  body: Buffer;
  gz: Buffer;
  etag: string;
}

/** GET /explorer/assets/:name for the listed files only; anything else falls through (404). */
export function assetHandler(assets: Record<string, Asset>): express.RequestHandler {
  const cache = new Map<string, Promise<Loaded>>();
  const load = (a: Asset): Promise<Loaded> => {
    let p = cache.get(a.file);
    if (!p) {
      p = (async () => {
        const body = await readFile(a.file);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        return { body, gz: await gzip(body, { level: 6 }), etag };
      })();
      // a failed read is retried on the next request rather than cached
      p.catch(() => cache.delete(a.file));
      cache.set(a.file, p);
    }
    return p;
  };
  return async (req, res, next) => {
    const name = req.params.name;
    const asset = typeof name === 'string' && Object.hasOwn(assets, name) ? assets[name]! : undefined;
    if (!asset) return next();
    let loaded: Loaded;
    try {
      loaded = await load(asset);
    } catch (e) {
      return next(e);
    }
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': asset.version ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: loaded.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const useGzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    const body = useGzip ? loaded.gz : loaded.body;
    if (useGzip) res.set('Content-Encoding', 'gzip');
    res.set('Content-Length', String(body.length));
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };
}
