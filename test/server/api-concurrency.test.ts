import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPointEntrySchema, errorBodySchema, memberPointsSchema } from '../../src/protocol/index.ts';
import { AUTH, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * Real HTTP and real concurrency: every request is in flight at once, on its
 * own connection, and on PostgreSQL on its own pooled database connection.
 */
describe(`/api/v1 under concurrent requests (${backendName})`, () => {
  const N = 20;
  let h: ApiHarness;
  let base: string;
  beforeAll(async () => {
    h = await openApiHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h.close();
  });

  const post = async (body: unknown) => {
    const res = await fetch(`${base}/api/v1/point-entries`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const balanceOf = async (memberNo: string) => {
    const res = await fetch(`${base}/api/v1/members/${memberNo}/points`, { headers: AUTH });
    return memberPointsSchema.parse(await res.json());
  };

  it(`${N} concurrent requests with one key post exactly once; all get the same body`, async () => {
    const before = await h.count('point_entries');
    const request = { idempotencyKey: 'ec-order-race-0001', memberNo: MEMBER_1.memberNo, type: 'earn', points: 70, channel: 'ec', ref: 'EC-RACE-1', amountYen: 7000 };
    const answers = await Promise.all(Array.from({ length: N }, () => post(request)));

    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(N - 1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    apiPointEntrySchema.parse(JSON.parse(answers[0]?.text ?? ''));
    expect(await h.count('point_entries')).toBe(before + 1);
    expect((await balanceOf(MEMBER_1.memberNo)).balance).toBe(70);
  });

  it(`${N} concurrent redemptions racing for one balance: exactly floor(balance / points) succeed, never below zero`, async () => {
    const balance = 100;
    const each = 7;
    const earned = await post({ idempotencyKey: 'ec-order-race-earn', memberNo: MEMBER_2.memberNo, type: 'earn', points: balance, channel: 'ec', ref: 'EC-RACE-2', amountYen: 10_000 });
    expect(earned.status).toBe(201);
    const before = await h.count('point_entries');

    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post({ idempotencyKey: `ec-redeem-race-${String(i).padStart(3, '0')}`, memberNo: MEMBER_2.memberNo, type: 'redeem', points: each, channel: 'ec', ref: `EC-R-${i}` }),
      ),
    );

    const won = Math.floor(balance / each);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(won);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(N - won);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(errorBodySchema.parse(JSON.parse(answer.text)).error).toBe('insufficient-points');
    }
    expect(await h.count('point_entries')).toBe(before + won);
    const after = await balanceOf(MEMBER_2.memberNo);
    expect(after).toMatchObject({ balance: balance - won * each, available: balance - won * each, debt: 0, flagged: false });
    // The ledger agrees, entry by entry.
    const { rows } = await h.sql.query<{ total: number }>(
      `select coalesce(sum(case when type = 'earn' then points else -points end), 0)::int as total from point_entries where member_id = $1`,
      [MEMBER_2.id],
    );
    expect(rows[0]?.total).toBe(balance - won * each);
  });
});
