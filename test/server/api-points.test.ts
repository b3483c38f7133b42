import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, jstDate, startOfDay } from '../../src/domain/ledger/index.ts';
import { apiPointEntrySchema, flagsReportSchema, memberPointsSchema } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { earn, MEMBER_1, MEMBER_2, SHOP_B } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

describe(`/api/v1 points (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  let keys = 0;
  const key = (label: string) => `ec-${label}-${String(++keys).padStart(4, '0')}`;
  const post = (body: unknown) => h.call('POST', '/api/v1/point-entries', body);
  const entry = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key('order'),
    memberNo: MEMBER_1.memberNo,
    type: 'earn',
    points: 50,
    channel: 'ec',
    ref: 'EC-ORDER-1',
    amountYen: 5000,
    ...overrides,
  });
  const points = async (memberNo = MEMBER_1.memberNo) => {
    const answer = await h.call('GET', `/api/v1/members/${memberNo}/points`);
    expect(answer.status, answer.text).toBe(200);
    return memberPointsSchema.parse(answer.body);
  };

  it('posts an earn (201); the same request again is 200 with the same body and posts nothing', async () => {
    const request = entry({ points: 120, amountYen: 12_000 });
    const first = await post(request);
    expect(first.status, first.text).toBe(201);
    const posted = apiPointEntrySchema.parse(first.body);
    expect(posted).toMatchObject({ idempotencyKey: request.idempotencyKey, memberNo: MEMBER_1.memberNo, type: 'earn', points: 120, amountYen: 12_000, channel: 'ec', shopId: '', ref: 'EC-ORDER-1' });
    const count = await h.count('point_entries');
    for (let i = 0; i < 3; i++) {
      const replay = await post(request);
      expect(replay.status).toBe(200);
      expect(replay.text).toBe(first.text);
    }
    expect(await h.count('point_entries')).toBe(count);
    expect((await points()).balance).toBe(120);
  });

  it('the same key with other content is 409 idempotency-conflict, and nothing is written', async () => {
    const request = entry({ points: 10, amountYen: 1000 });
    expect((await post(request)).status).toBe(201);
    const count = await h.count('point_entries');
    for (const other of [{ points: 11 }, { type: 'redeem', amountYen: undefined }, { memberNo: MEMBER_2.memberNo }, { ref: 'EC-ORDER-2' }, { channel: 'store' }, { amountYen: 999 }]) {
      expectError(await post({ ...request, ...other }), 409, 'idempotency-conflict');
    }
    // A key a tablet already used is not the caller's either.
    const tablet = earn(5);
    await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: [{ newDocumentState: tablet }] });
    expectError(await post(entry({ idempotencyKey: tablet.id, points: 5, amountYen: 500 })), 409, 'idempotency-conflict');
    expect(await h.count('point_entries')).toBe(count + 1);
  });

  it('refuses invalid entries with 422 and per-field details, and writes nothing', async () => {
    const count = await h.count('point_entries');
    const invalid: [Record<string, unknown>, string][] = [
      [{ points: 0 }, 'points'],
      [{ points: -5 }, 'points'],
      [{ points: 1.5 }, 'points'],
      [{ points: '50' }, 'points'],
      [{ points: 10_000_001 }, 'points'],
      [{ points: 1e300 }, 'points'],
      [{ type: 'expire' }, 'type'],
      [{ type: 'adjust' }, 'type'],
      [{ channel: 'phone' }, 'channel'],
      [{ ref: '' }, 'ref'],
      [{ ref: undefined }, 'ref'],
      [{ idempotencyKey: 'short' }, 'idempotencyKey'],
      [{ idempotencyKey: 'has spaces in it' }, 'idempotencyKey'],
      [{ idempotencyKey: undefined }, 'idempotencyKey'],
      [{ memberNo: '12345' }, 'memberNo'],
      [{ amountYen: -1 }, 'amountYen'],
      [{ type: 'redeem', amountYen: 500 }, 'amountYen'],
    ];
    for (const [overrides, field] of invalid) {
      const answer = expectError(await post(entry(overrides)), 422, 'unprocessable');
      expect(answer.details, JSON.stringify(overrides)).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
    expectError(await post(entry({ shopId: 'no-such-shop' })), 422, 'unprocessable');
    const unknown = expectError(await post(entry({ memberNo: '9999999999' })), 422, 'unknown-member');
    expect(unknown.details).toEqual({ memberNo: '9999999999' });
    expect(await h.count('point_entries')).toBe(count);
  });

  it('a redemption over the available points is 409 insufficient-points with what is available; within it, 201', async () => {
    const { available } = await points();
    expect(available).toBeGreaterThan(0);
    const count = await h.count('point_entries');
    const over = expectError(await post(entry({ type: 'redeem', points: available + 1, amountYen: undefined })), 409, 'insufficient-points');
    expect(over.details).toEqual({ available, requested: available + 1 });
    expect(await h.count('point_entries')).toBe(count);

    const redeem = entry({ type: 'redeem', points: available, amountYen: undefined, channel: 'store', shopId: SHOP_B, ref: 'R-0001' });
    const ok = await post(redeem);
    expect(ok.status, ok.text).toBe(201);
    expect(apiPointEntrySchema.parse(ok.body)).toMatchObject({ type: 'redeem', points: available, amountYen: 0, shopId: SHOP_B });
    expect((await points()).available).toBe(0);
    // A replay is answered from the ledger, not checked again: the points it took are its own.
    expect((await post(redeem)).status).toBe(200);
  });

  it('a refused redemption stays refused: a delayed copy of the same request after an earn is 409 again, not posted', async () => {
    const { available } = await points();
    const redeem = entry({ type: 'redeem', points: available + 10, amountYen: undefined });
    const refused = await post(redeem);
    expectError(refused, 409, 'insufficient-points');
    // The member earns enough meanwhile; the EC order has already gone ahead without points.
    expect((await post(entry({ points: 500, amountYen: 50_000 }))).status).toBe(201);
    const count = await h.count('point_entries');
    const late = await post(redeem);
    expect(late.status).toBe(409);
    expect(late.text).toBe(refused.text);
    expect(await h.count('point_entries')).toBe(count);
    // The same key for another request is a key reused, not a second refusal.
    expectError(await post({ ...redeem, points: 1 }), 409, 'idempotency-conflict');
  });

  it('GET points shows balance, available, debt, lots and what expires within 30 days', async () => {
    // MEMBER_2 earned 11 months and 20 days ago: under the default policy (12 months from
    // last activity) those points expire in about 10 days. A later earn moves that date, so
    // the old one is the member's only activity.
    const today = jstDate(new Date().toISOString());
    const earnedOn = addDays(addMonths(today, -12), 10);
    const earnedAt = new Date(startOfDay(earnedOn) + 12 * 3600_000).toISOString();
    await h.postAt(earnedAt, [earn(300, { memberId: MEMBER_2.id, createdAt: earnedAt })]);
    const expiresOn = addMonths(earnedOn, 12);

    const shown = await points(MEMBER_2.memberNo);
    expect(shown).toEqual({
      memberNo: MEMBER_2.memberNo,
      balance: 300,
      available: 300,
      debt: 0,
      pending: false,
      flagged: false,
      flaggedEntryIds: [],
      rank: 'regular',
      expiringSoon: { points: 300, byDate: [{ expiresOn, points: 300 }] },
      lots: [{ expiresOn, points: 300 }],
    });
  });

  it('an offline overdraft shows as flagged debt, is listed in the flags report, and later earnings pay it back', async () => {
    // A fresh member with 100 points; two tablets each redeem 80 offline and then sync.
    const made = await h.call('POST', '/api/v1/members', { name: '木村 八郎', nameKana: '' });
    const memberNo = (made.body as { memberNo: string; id: string }).memberNo;
    const memberId = (made.body as { id: string }).id;
    expect((await post(entry({ memberNo, points: 100, amountYen: 10_000 }))).status).toBe(201);
    const redeems = [1, 2].map(() => earn(80, { memberId, type: 'redeem', amountYen: 0, offline: true, ref: 'R-OFF' }));
    for (const redeem of redeems) {
      const res = await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: [{ newDocumentState: redeem }] });
      expect(res.statusCode).toBe(200);
    }
    const overdrawn = redeems[1]?.id ?? '';
    expect(await points(memberNo)).toMatchObject({ balance: -60, available: 0, debt: 60, flagged: true, flaggedEntryIds: [overdrawn] });

    const report = async () => {
      const answer = await h.call('GET', '/api/v1/reports/flags');
      expect(answer.status, answer.text).toBe(200);
      return flagsReportSchema.parse(answer.body).flags.filter((f) => f.memberNo === memberNo);
    };
    expect(await report()).toEqual([
      expect.objectContaining({ entryId: overdrawn, reason: 'overdraft', type: 'redeem', entryPoints: 80, points: 60, repaid: 0, outstanding: 60, deviceId: 'device-test', shopId: 'shop-a' }),
    ]);

    // Online, the member cannot redeem while in debt.
    expectError(await post(entry({ memberNo, type: 'redeem', points: 1, amountYen: undefined })), 409, 'insufficient-points');
    expect((await post(entry({ memberNo, points: 45, amountYen: 4500 }))).status).toBe(201);
    expect(await report()).toEqual([expect.objectContaining({ entryId: overdrawn, points: 60, repaid: 45, outstanding: 15 })]);
    expect(await points(memberNo)).toMatchObject({ balance: -15, debt: 15, available: 0 });
  });
});
