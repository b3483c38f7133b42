import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jstDate } from '../../src/domain/ledger/index.ts';
import type { CollectionName, SettingsDoc } from '../../src/protocol/index.ts';
import { apiCampaignSchema, apiPointEntrySchema, campaignListSchema, POINTS_POLICY_SETTINGS_ID } from '../../src/protocol/index.ts';
import { AUTH, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

const today = jstDate(new Date().toISOString());
const RAINY = { name: '雨の日ポイント2倍', multiplier: 2, from: today, to: today, channel: 'both', shopIds: [SHOP_A] } as const;

/** Issue 10: HQ edits the points policy's campaigns; tablets get them with the `settings` collection. */
describe(`/api/v1/campaigns (${backendName})`, () => {
  let h: ApiHarness;
  const heard: CollectionName[] = [];
  beforeAll(async () => {
    h = await openApiHarness();
    h.notifier.subscribe((collection) => heard.push(collection));
  });
  afterAll(async () => {
    await h.close();
  });

  const remove = async (id: string) => {
    const res = await h.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${id}`, headers: AUTH });
    return { status: res.statusCode, body: res.json<unknown>(), text: res.body, headers: res.headers };
  };
  const list = async () => {
    const listed = campaignListSchema.parse((await h.call('GET', '/api/v1/campaigns')).body);
    expect(listed.rankIds).toEqual(['regular', 'silver', 'gold']);
    return listed.campaigns;
  };
  const pullSettings = async (after?: { seq: number; id: string }) => {
    const query = after ? `?seq=${after.seq}&id=${after.id}` : '?limit=100';
    const res = await h.app.inject({ url: `/sync/v1/settings/pull${query}`, headers: h.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ documents: SettingsDoc[]; checkpoint: { seq: number; id: string } }>();
  };
  const seq = async () => (await h.sql.query<{ seq: string }>('select seq::text as seq from setting_documents where id = $1', [POINTS_POLICY_SETTINGS_ID])).rows[0]?.seq;

  it('creates, replaces and removes a campaign; each write reaches tablets pulling after their checkpoint', async () => {
    const { checkpoint } = await pullSettings();
    heard.length = 0;
    const created = await h.call('PUT', '/api/v1/campaigns/rainy-1', RAINY);
    expect(created.status, created.text).toBe(201);
    expect(apiCampaignSchema.parse(created.body)).toEqual({ id: 'rainy-1', ...RAINY, shopIds: [SHOP_A] });
    expect(await list()).toEqual([created.body]);
    await expect.poll(() => heard).toContain('settings');

    const pulled = await pullSettings(checkpoint);
    expect(pulled.documents.map((doc) => doc.id)).toEqual([POINTS_POLICY_SETTINGS_ID]);
    expect(pulled.documents[0]?.pointsPolicy?.campaigns).toEqual([created.body]);

    const replaced = await h.call('PUT', '/api/v1/campaigns/rainy-1', { ...RAINY, multiplier: 3, channel: 'ec', shopIds: [], rankIds: ['gold'] });
    expect(replaced.status, replaced.text).toBe(200);
    expect(await list()).toEqual([{ id: 'rainy-1', name: RAINY.name, multiplier: 3, from: today, to: today, channel: 'ec', rankIds: ['gold'] }]);
    const second = await pullSettings(pulled.checkpoint);
    expect(second.documents[0]?.pointsPolicy?.campaigns).toEqual([replaced.body]);

    expect((await h.call('PUT', '/api/v1/campaigns/other', { ...RAINY, shopIds: [SHOP_B] })).status).toBe(201);
    const removed = await remove('rainy-1');
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toEqual(replaced.body);
    expect((await list()).map((c) => c.id)).toEqual(['other']);
    const third = await pullSettings(second.checkpoint);
    expect(third.documents[0]?.pointsPolicy?.campaigns.map((c) => c.id)).toEqual(['other']);
    expectError(await remove('rainy-1'), 404, 'not-found');
  });

  it('refuses bad campaigns with a 4xx and a stable code, and writes nothing', async () => {
    const before = await list();
    const seqBefore = await seq();
    const invalid: [Record<string, unknown>, string][] = [
      [{ from: '2026-05-02', to: '2026-05-01' }, 'to'],
      [{ from: '2026-02-30' }, 'from'],
      [{ to: '2026/05/01' }, 'to'],
      [{ multiplier: 0.5 }, 'multiplier'],
      [{ multiplier: 11 }, 'multiplier'],
      [{ multiplier: '2' }, 'multiplier'],
      [{ channel: 'line' }, 'channel'],
      [{ name: ' ' }, 'name'],
      [{ shopIds: 'shop-a' }, 'shopIds'],
      [{ unknownField: 1 }, ''],
      [{ shopIds: [SHOP_A, 'no-such-shop'] }, 'shopIds.1'],
      [{ rankIds: ['platinum'] }, 'rankIds.0'],
    ];
    for (const [overrides, path] of invalid) {
      const answer = expectError(await h.call('PUT', '/api/v1/campaigns/bad-one', { ...RAINY, ...overrides }), 422, 'unprocessable');
      expect(answer.details, JSON.stringify(overrides)).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    expectError(await h.call('PUT', '/api/v1/campaigns/has%20space', RAINY), 400, 'invalid-request');
    expectError(await h.call('PUT', `/api/v1/campaigns/${'x'.repeat(65)}`, RAINY), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/campaigns/bad-one', '{"name": '), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/campaigns/bad-one', { ...RAINY, name: 'nul\u0000' }), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/campaigns', undefined, {}), 401, 'unauthorized');
    expectError(await h.call('PUT', '/api/v1/campaigns/bad-one', RAINY, {}), 401, 'unauthorized');
    expect(await list()).toEqual(before);
    expect(await seq()).toBe(seqBefore);
  });

  it('an EC earn posted inside a campaign gets its bonus and records it, exactly once; outside it, the points sent', async () => {
    await h.call('PUT', '/api/v1/campaigns/ec-week', { name: 'EC 1.5倍', multiplier: 1.5, from: today, to: today, channel: 'ec' });
    // A store-only campaign with a higher multiplier: the EC channel must not pick it.
    await h.call('PUT', '/api/v1/campaigns/store-day', { name: '店舗3倍', multiplier: 3, from: today, to: today, channel: 'store' });
    const earn = { idempotencyKey: 'ec-campaign-0001', memberNo: MEMBER_1.memberNo, type: 'earn', points: 41, amountYen: 4_100, channel: 'ec', ref: 'EC-7001' };
    const posted = await h.call('POST', '/api/v1/point-entries', earn);
    expect(posted.status, posted.text).toBe(201);
    expect(apiPointEntrySchema.parse(posted.body)).toMatchObject({ points: 61, campaignId: 'ec-week' });
    const stored = async (id: string) =>
      (await h.sql.query<{ points: number; campaign_id: string | null }>('select points, campaign_id from point_entries where id = $1', [id])).rows;
    expect(await stored(earn.idempotencyKey)).toEqual([{ points: 61, campaign_id: 'ec-week' }]);

    // A retry is the same request (the points it sent, not the bonus'd ones), answered as first; other points are another request.
    const retry = await h.call('POST', '/api/v1/point-entries', earn);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(posted.body);
    expectError(await h.call('POST', '/api/v1/point-entries', { ...earn, points: 61 }), 409, 'idempotency-conflict');

    expect((await remove('ec-week')).status).toBe(200);
    const plain = await h.call('POST', '/api/v1/point-entries', { ...earn, idempotencyKey: 'ec-campaign-0002', ref: 'EC-7002' });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.body).not.toHaveProperty('campaignId');
    expect(await stored('ec-campaign-0002')).toEqual([{ points: 41, campaign_id: null }]);
    // The campaign is gone, the entry made under it still replays as it was posted.
    expect((await h.call('POST', '/api/v1/point-entries', earn)).body).toEqual(posted.body);
  });
});
