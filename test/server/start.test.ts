import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '../../src/protocol/index.ts';
import { openPglite } from '../../server/store/pglite-driver.ts';
import { startTenpo, type RunningTenpo } from '../../server/start.ts';

// What `npm start` does, on PGlite in a temp data dir: first run loads the demo
// and makes codes and a key; a restart finds them again and loads nothing.
describe('startTenpo', () => {
  let dataDir: string;
  let first: { codes: RunningTenpo['enrolmentCodes']; key: string | undefined };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tenpo-data-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => startTenpo({ port: 0, host: '127.0.0.1', dataDir, demo: { members: 20, seed: 1 }, logger: false, staticDir: join(dataDir, 'no-dist') });

  it('loads demo data on first run and hands out a working enrolment code and API key', async () => {
    const tenpo = await start();
    try {
      expect(tenpo.loadedDemo).toBe(true);
      expect(tenpo.enrolmentCodes.length).toBeGreaterThan(0);
      for (const c of tenpo.enrolmentCodes) expect(c.code).toMatch(/^SHOP\d+-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(tenpo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const enrol = await fetch(`${tenpo.url}/sync/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: tenpo.enrolmentCode, deviceName: 'demo tablet' }),
      });
      const device = enrolResponseSchema.parse(await enrol.json());
      const members = await fetch(`${tenpo.url}/sync/v1/members/pull?limit=5`, { headers: { authorization: `Bearer ${device.token}` } });
      const page = (await members.json()) as { documents: { memberNo: string }[] };
      expect(page.documents).toHaveLength(5);

      const memberNo = page.documents[0]?.memberNo ?? '';
      const points = await fetch(`${tenpo.url}/api/v1/members/${memberNo}/points`, { headers: { authorization: `Bearer ${tenpo.apiKey}` } });
      expect(points.status).toBe(200);
      first = { codes: tenpo.enrolmentCodes, key: tenpo.demoApiKey };
    } finally {
      await tenpo.close();
    }
  });

  it('keeps its codes and key across a restart and does not load the demo twice', async () => {
    const tenpo = await start();
    try {
      expect(tenpo.loadedDemo).toBe(false);
      expect(tenpo.enrolmentCodes).toEqual(first.codes);
      expect(tenpo.demoApiKey).toBe(first.key);
      // One server per data directory: a second one would corrupt it.
      await expect(openPglite(dataDir)).rejects.toThrow(/in use/);
    } finally {
      await tenpo.close();
    }
  });
});
