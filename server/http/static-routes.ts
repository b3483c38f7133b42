import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Shell files are revalidated on every load: a cached service worker or
 * index.html would pin tablets to an old version of the app (and its old
 * protocol) long after the server moved on. Only Vite's content-hashed files
 * under /assets may be cached forever; their names change when they do.
 */
const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

function setCacheHeaders(root: string) {
  return (reply: FastifyReply, path: string): void => {
    const inAssets = relative(root, path).split(sep)[0] === 'assets';
    void reply.header('cache-control', inAssets ? IMMUTABLE : NO_CACHE);
  };
}

/**
 * Serves the built PWA if there is one. Returns whether it did, so the
 * not-found handler knows whether SPA routes can fall back to index.html.
 */
export async function registerPwa(app: FastifyInstance, staticDir: string): Promise<boolean> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    app.log.warn({ staticDir }, 'no PWA build found (run `npm run build`); serving the API only');
    return false;
  }
  await app.register(fastifyStatic, {
    root: staticDir,
    cacheControl: false,
    setHeaders: setCacheHeaders(staticDir),
  });
  return true;
}

/** App routes such as /counter or /stock/4901234567894 get the shell; /missing.png does not. */
export function isSpaRoute(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  if (/^\/(api|sync)(\/|$)|^\/healthz$/.test(path)) return false;
  const last = path.split('/').at(-1) ?? '';
  return !last.includes('.');
}

export function sendShell(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', NO_CACHE).sendFile('index.html');
}
