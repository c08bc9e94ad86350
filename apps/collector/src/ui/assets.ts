/**
 * The review UI's static files (stylesheet, one script, icon), read once at start and served under a content hash with a year's
 * cache: a page always names the current version, so a change is fetched at once and nothing is stale.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

interface Asset {
  body: string;
  type: string;
  /** The path pages link to, with the hash: /ui/assets/ui.<hash>.css */
  url: string;
}

function load(name: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { body, type, url: `/ui/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}` };
}

export interface UiAssets {
  css: Asset;
  runProgress: Asset;
  icon: Asset;
}

export function loadAssets(): UiAssets {
  return {
    css: load('ui.css', 'text/css; charset=utf-8'),
    runProgress: load('run-progress.js', 'text/javascript; charset=utf-8'),
    icon: load('favicon.svg', 'image/svg+xml'),
  };
}

/** Registers the asset routes in the /ui scope; they need no session. */
export function registerAssetRoutes(app: FastifyInstance, assets: UiAssets): void {
  for (const asset of Object.values(assets)) {
    app.get(asset.url.slice('/ui'.length), { config: { public: true } }, async (_request, reply) =>
      reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body),
    );
  }
}
