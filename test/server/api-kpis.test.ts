import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiReportSchema, type KpiReport } from '../../src/protocol/index.ts';
import { loadDemoData } from '../../server/demo/load.ts';
import { runExpiry } from '../../server/jobs/expiry.ts';
import { API_KEY, AUTH, expectError } from './helpers/api.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName, openTestStore } from './helpers/test-store.ts';
import { recomputeKpis, type LedgerRows } from './helpers/kpi-recompute.ts';

const DAY_MS = 86_400_000;
/** A JST calendar date `days` from now, written out by hand (not the server's calendar code). */
const jstDay = (days: number): string => new Date(Date.now() + 9 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Issue 10: every KPI of the HQ dashboard, on the demo chain, against a
 * recomputation in TypeScript from the raw rows (helpers/kpi-recompute.ts
 * follows the definitions in src/protocol/kpi-api.ts, not the server's SQL).
 */
describe(`GET /api/v1/kpis (${backendName})`, () => {
  let h: Harness;
  let rows: LedgerRows;
  let shopId: string;
  beforeAll(async () => {
    const sql = await openTestStore();
    // The demo's year of history ends yesterday: the periods below cover it and today's registrations.
    const { shops } = await loadDemoData(sql, { members: 300, seed: 10, historyEndsAt: new Date(Date.now() - DAY_MS).toISOString() });
    shopId = shops[0]?.id ?? '';
    h = await openHarness({ apiKey: API_KEY, sql });
    // A member made by the EC site (no home shop): an EC registration today.
    const ec = await h.app.inject({ method: 'POST', url: '/api/v1/members', headers: AUTH, payload: { name: '指標 花子', nameKana: 'シヒョウ ハナコ' } });
    expect(ec.statusCode, ec.body).toBe(201);
    // The demo has earns and redeems only: a later expiry run adds the expire entries (posted now, at their own business time).
    await runExpiry(sql, { now: new Date(Date.now() + 400 * DAY_MS).toISOString(), notifier: h.notifier });
    rows = await readLedgerRows(h);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  const get = async (query: string): Promise<KpiReport> => {
    const res = await h.app.inject({ url: `/api/v1/kpis?${query}`, headers: AUTH });
    expect(res.statusCode, res.body).toBe(200);
    return kpiReportSchema.parse(res.json());
  };

  const PERIODS = [
    { name: 'a year, per month', from: jstDay(-365), to: jstDay(0) },
    { name: '92 days, per day', from: jstDay(-91), to: jstDay(0) },
    { name: 'the next year (expiries only)', from: jstDay(1), to: jstDay(366) },
  ];

  it.each(PERIODS)('matches the recomputation from the ledger: $name', async ({ from, to }) => {
    const report = await get(`from=${from}&to=${to}`);
    expect(report).toEqual(recomputeKpis(rows, { from, to, shopId: null, channel: null }));
  });

  it('is not trivially zero on the demo: every figure has something to count', async () => {
    const year = await get(`from=${jstDay(-365)}&to=${jstDay(0)}`);
    const t = year.totals;
    for (const figure of [t.activeMembers, t.newMembers.store, t.newMembers.ec, t.pointsEarned, t.pointsRedeemed, t.liability, t.crossChannelMembers]) {
      expect(figure).toBeGreaterThan(0);
    }
    expect(year.granularity).toBe('month');
    expect(year.byRank.length).toBeGreaterThan(0);
    expect(year.cohorts.length).toBeGreaterThan(1);
    const next = await get(`from=${jstDay(1)}&to=${jstDay(366)}`);
    expect(next.totals.pointsExpired).toBeGreaterThan(0);
    expect((await get(`from=${jstDay(-91)}&to=${jstDay(0)}`)).series).toHaveLength(92);
  });

  it('a shop and a channel narrow the figures as recomputed', async () => {
    const from = jstDay(-365);
    const to = jstDay(0);
    const all = await get(`from=${from}&to=${to}`);
    for (const filter of [{ shopId, channel: null }, { shopId: null, channel: 'ec' as const }, { shopId: null, channel: 'store' as const }, { shopId, channel: 'store' as const }]) {
      const query = `from=${from}&to=${to}${filter.shopId ? `&shopId=${filter.shopId}` : ''}${filter.channel ? `&channel=${filter.channel}` : ''}`;
      const report = await get(query);
      expect(report, query).toEqual(recomputeKpis(rows, { from, to, ...filter }));
      expect(report.totals.pointsEarned, query).toBeLessThan(all.totals.pointsEarned);
      expect(report.totals.pointsEarned, query).toBeGreaterThan(0);
      expect(report.totals.liability, query).toBe(all.totals.liability);
    }
  });

  it('the CSV says what the JSON says, with a BOM for Excel', async () => {
    const query = `from=${jstDay(-91)}&to=${jstDay(0)}&shopId=${shopId}`;
    const report = await get(query);
    const res = await h.app.inject({ url: `/api/v1/kpis.csv?${query}`, headers: AUTH });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const tables = res.body.slice(1).trimEnd().split('\r\n\r\n').map((table) => table.split('\r\n').map((line) => line.split(',')));
    expect(tables).toHaveLength(4);
    const [totals, series, byRank, cohorts] = tables;
    const figure = (name: string) => totals?.find(([key]) => key === name)?.[1];
    expect(figure('activeMembers')).toBe(String(report.totals.activeMembers));
    expect(figure('shopId')).toBe(shopId);
    expect(figure('pointsEarned')).toBe(String(report.totals.pointsEarned));
    expect(figure('pointsRedeemed')).toBe(String(report.totals.pointsRedeemed));
    expect(figure('pointsExpired')).toBe(String(report.totals.pointsExpired));
    expect(figure('liability')).toBe(String(report.totals.liability));
    expect(figure('crossChannelMembers')).toBe(String(report.totals.crossChannelMembers));
    expect(figure('redemptionRate')).toBe(String(report.totals.redemptionRate));
    expect(series?.slice(1)).toEqual(report.series.map((b) => [b.bucket, b.activeMembers, b.newMembersStore, b.newMembersEc, b.pointsEarned, b.pointsRedeemed, b.pointsExpired].map(String)));
    expect(byRank?.slice(1)).toEqual(report.byRank.map((r) => [r.rank, r.members, r.avgSpendYen, r.visitFrequency].map(String)));
    expect(cohorts?.slice(1)).toEqual(report.cohorts.map((c) => [c.month, c.members, c.spendYen, c.ltvYen].map(String)));
    const one = await h.app.inject({ url: `/api/v1/kpis.csv?${query}&figure=cohorts`, headers: AUTH });
    expect(one.body.slice(1).trimEnd().split('\r\n')).toEqual((cohorts ?? []).map((line) => line.join(',')));
  });

  it('refuses a bad period or channel with 400 and an unknown shop with 422', async () => {
    for (const query of [`from=${jstDay(0)}&to=${jstDay(-1)}`, `from=${jstDay(-366)}&to=${jstDay(0)}`, 'from=2026-02-30&to=2026-03-01', `from=${jstDay(0)}&to=${jstDay(0)}&channel=line`, `from=${jstDay(0)}`, `from=${jstDay(0)}&to=${jstDay(0)}&shopId=`]) {
      for (const path of ['/api/v1/kpis', '/api/v1/kpis.csv']) {
        expectError(await callRaw(h, `${path}?${query}`), 400, 'invalid-request');
      }
    }
    expectError(await callRaw(h, `/api/v1/kpis?from=${jstDay(0)}&to=${jstDay(0)}&shopId=nowhere`), 422, 'unprocessable');
    expectError(await callRaw(h, `/api/v1/kpis.csv?from=${jstDay(0)}&to=${jstDay(0)}&shopId=ec-warehouse`), 422, 'unprocessable');
    expectError(await callRaw(h, `/api/v1/kpis?from=${jstDay(0)}&to=${jstDay(0)}`, {}), 401, 'unauthorized');
  });
});

async function callRaw(h: Harness, url: string, headers: Record<string, string> = AUTH) {
  const res = await h.app.inject({ url, headers });
  return { status: res.statusCode, body: JSON.parse(res.body) as unknown, text: res.body, headers: res.headers };
}

async function readLedgerRows(h: Harness): Promise<LedgerRows> {
  const entries = await h.sql.query('select member_id, type, points, amount_yen, channel, shop_id, at, deleted, direction, reverses_type from point_entries');
  const members = await h.sql.query('select id, home_shop_id, registered_at, deleted from members');
  const purchases = await h.sql.query('select member_id, channel, shop_id, at, deleted from purchases');
  const accounts = await h.sql.query('select member_id, rank from point_accounts');
  return {
    entries: entries.rows.map((r) => ({
      memberId: String(r.member_id),
      type: String(r.type),
      points: Number(r.points),
      amountYen: Number(r.amount_yen),
      channel: String(r.channel),
      shopId: String(r.shop_id),
      at: new Date(r.at as string).getTime(),
      deleted: r.deleted === true,
      direction: r.direction as string | null,
      reversesType: r.reverses_type as string | null,
    })),
    members: members.rows.map((r) => ({ id: String(r.id), homeShopId: String(r.home_shop_id), registeredAt: new Date(r.registered_at as string).getTime(), deleted: r.deleted === true })),
    purchases: purchases.rows.map((r) => ({ memberId: String(r.member_id), channel: String(r.channel), shopId: String(r.shop_id), at: new Date(r.at as string).getTime(), deleted: r.deleted === true })),
    ranks: new Map(accounts.rows.map((r) => [String(r.member_id), String(r.rank)])),
  };
}
