import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type PullResponse } from '../../src/protocol/index.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * A fresh tablet pulls every collection from the start (`seq=0&id=`): one that
 * answers an error keeps the tablet from ever reporting "synced". The audit
 * log once did (a uuid id column compared with the empty checkpoint id).
 */
describe(`a fresh tablet can pull every collection (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
    await h.sql.query(`insert into audit_events (id, action, at) values ('6f9619ff-8b86-4d01-b42d-00cf4fc964ff', 'member-lookup', now())`);
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(COLLECTION_NAMES)('%s answers 200 from the start', async (collection) => {
    const res = await h.app.inject({ url: `/sync/v1/${collection}/pull?seq=0&id=&limit=100`, headers: h.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(Array.isArray(res.json<PullResponse>().documents)).toBe(true);
  });

  it('never hands the audit log back to a tablet', async () => {
    const res = await h.app.inject({ url: '/sync/v1/audit_events/pull?seq=0&id=&limit=100', headers: h.headers });
    expect(res.json<PullResponse>().documents).toEqual([]);
  });
});
