import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

describe(`serving the PWA (${backendName})`, () => {
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenpo-dist-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Tenpo</title>');
    await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Tenpo"}');
    await writeFile(join(dir, 'assets', 'index-3f9a1c.js'), 'console.log(1)');
    h = await openHarness({ staticDir: dir });
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true });
  });

  const get = (url: string) => h.app.inject({ url });

  it('serves the shell, service worker and manifest with no-cache', async () => {
    for (const url of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await get('/sw.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('serves hashed assets as immutable', async () => {
    const res = await get('/assets/index-3f9a1c.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('falls back to index.html for app routes, not for missing files or API paths', async () => {
    const route = await get('/counter/scan');
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>Tenpo</title>');
    expect(route.headers['cache-control']).toBe('no-cache');
    expect((await get('/missing.png')).statusCode).toBe(404);
    const api = await get('/api/v1/unknown');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not-found' });
    expect((await get('/sync/v1/whatever/else')).json()).toMatchObject({ error: 'not-found' });
  });

  it('starts without a build and still answers the API', async () => {
    const bare = await openHarness({ staticDir: join(dir, 'does-not-exist') });
    try {
      expect((await bare.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      const shell = await bare.app.inject({ url: '/counter' });
      expect(shell.statusCode).toBe(404);
      expect(shell.json()).toMatchObject({ error: 'not-found' });
    } finally {
      await bare.close();
    }
  });
});
