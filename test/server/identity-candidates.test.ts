import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateListSchema } from '../../src/protocol/index.ts';
import { autoResolve } from '../../server/services/identity/auto-resolve.ts';
import { findCandidates } from '../../server/services/identity/candidates.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { earn } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

interface Fields {
  kana: string;
  phone?: string;
  email?: string;
  birthdate?: string;
  phoneVerified?: boolean;
  emailVerified?: boolean;
  line?: string;
}

/** Candidate bands over a small fixture, the auto-resolve job, dismissals, and the blocking at 10,000 members. */
describe(`名寄せ candidates (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
  });
  afterAll(async () => {
    await h.close();
  });

  async function add(no: string, f: Fields): Promise<string> {
    const id = `cand-${no}`;
    await h.sql.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, birthdate, phone_verified,
         email_verified, line_user_id) values ($1, $2, $3, $4, $5, $6, 'shop-a', now(), $7::date, $8, $9, $10)`,
      [id, no, `会員${no}`, f.kana, f.phone ?? '', f.email ?? '', f.birthdate ?? null, f.phoneVerified ?? false, f.emailVerified ?? false, f.line ?? ''],
    );
    return id;
  }
  const candidates = async (band: 'review' | 'auto-link') => {
    const answer = await h.call('GET', `/api/v1/identity/candidates?band=${band}`);
    expect(answer.status, answer.text).toBe(200);
    return candidateListSchema.parse(answer.body).candidates.map((c) => ({ pair: `${c.a.memberNo}-${c.b.memberNo}`, reasons: c.reasons }));
  };

  it('sorts pairs into the auto-link and review bands and ignores the rest', async () => {
    // The same phone verified on both: auto-link.
    await add('3000000001', { kana: 'ヤマモト ケン', phone: '+819011110001', phoneVerified: true });
    await add('3000000002', { kana: 'ヤマモト ケンジ', phone: '+819011110001', phoneVerified: true });
    // The same LINE user: auto-link whatever else differs.
    await add('3000000003', { kana: 'アオキ', line: 'U0123456789abcdef' });
    await add('3000000004', { kana: 'イトウ', line: 'U0123456789abcdef' });
    // Kana in three spellings, same birthdate, phone differs but for the last four digits: review.
    await add('3000000005', { kana: 'ｶﾝﾀﾞ ﾀﾛｳ', birthdate: '1980-04-02', phone: '+819022225555' });
    await add('3000000006', { kana: 'かんだ　たろう', birthdate: '1980-04-02', phone: '+818033335555' });
    // Same kana and birthdate, but no contact detail agrees: ignored.
    await add('3000000007', { kana: 'サトウ ヨウコ', birthdate: '1975-01-01', phone: '+819044440001' });
    await add('3000000008', { kana: 'サトウ ヨウコ', birthdate: '1975-01-01', phone: '+819044440002' });
    // The same unverified phone (a household), different people: ignored.
    await add('3000000009', { kana: 'スズキ イチロウ', phone: '+819055550000' });
    await add('3000000010', { kana: 'スズキ ハナ', phone: '+819055550000' });
    // The same phone verified on one side only: not proof, not review (no birthdate): ignored.
    await add('3000000011', { kana: 'タナカ', phone: '+819066660000', phoneVerified: true });
    await add('3000000012', { kana: 'タナカ', phone: '+819066660000' });

    expect(await candidates('auto-link')).toEqual([
      { pair: '3000000001-3000000002', reasons: ['same-verified-phone'] },
      { pair: '3000000003-3000000004', reasons: ['same-line-user'] },
    ]);
    expect(await candidates('review')).toEqual([{ pair: '3000000005-3000000006', reasons: ['same-kana', 'same-birthdate', 'same-phone-last4'] }]);
  });

  it('shows both records side by side, with balance and birthdate', async () => {
    const [pair] = candidateListSchema.parse((await h.call('GET', '/api/v1/identity/candidates?band=review')).body).candidates;
    expect(pair?.a).toMatchObject({ memberNo: '3000000005', nameKana: 'ｶﾝﾀﾞ ﾀﾛｳ', birthdate: '1980-04-02', phone: '+819022225555', homeShopId: 'shop-a', balance: 0 });
    expect(pair?.b).toMatchObject({ memberNo: '3000000006', birthdate: '1980-04-02' });
  });

  it('the resolve job merges auto-link pairs into the older number and leaves review pairs', async () => {
    await h.postAt(new Date().toISOString(), [earn(40, { memberId: 'cand-3000000002' })]);
    const run = await autoResolve(h);
    expect(run.merged.map((m) => [m.survivorNo, m.mergedNo, m.band, m.mergedBy])).toEqual([
      ['3000000001', '3000000002', 'auto-link', 'auto'],
      ['3000000003', '3000000004', 'auto-link', 'auto'],
    ]);
    expect(run.review).toBe(1);
    expect((await h.call('GET', '/api/v1/members/3000000002/points')).body).toMatchObject({ memberNo: '3000000001', balance: 40 });
    // Again: nothing left to merge.
    expect((await autoResolve(h)).merged).toEqual([]);
    expect(await candidates('auto-link')).toEqual([]);
    // An undone auto merge is remembered: the job does not merge the pair again.
    const [first] = run.merged;
    expect((await h.call('POST', `/api/v1/merges/${first?.id}/undo`, { approval: TEST_APPROVAL })).status).toBe(200);
    expect((await autoResolve(h)).merged).toEqual([]);
  });

  it('"not the same person" is remembered', async () => {
    const answer = await h.call('POST', '/api/v1/identity/dismissals', { memberNoA: '3000000006', memberNoB: '3000000005' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ memberNoA: '3000000005', memberNoB: '3000000006' });
    expect(await candidates('review')).toEqual([]);
    expect((await h.call('POST', '/api/v1/identity/dismissals', { memberNoA: '3000000005', memberNoB: '3000000006' })).status).toBe(200);
    expectError(await h.call('POST', '/api/v1/identity/dismissals', { memberNoA: '3000000005', memberNoB: '3999999999' }), 422, 'unknown-member');
  });

  it('blocks by key: 10,000 members are scored in seconds, finding every planted pair', async () => {
    // 10,000 members: every 100th pair shares kana, birthdate and phone's last four digits (review);
    // everyone else has their own phone, and 2,000 share one birthdate with different kana.
    await h.sql.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, birthdate)
       select 'bulk-' || i, (4000000000 + i)::text, '会員' || i,
              case when i % 200 < 2 then 'ダブリ' || (i / 200) else 'ベツジン' || i end,
              case when i % 200 = 1 then '+8180' || lpad((i - 1)::text, 8, '0') else '+8190' || lpad(i::text, 8, '0') end,
              '', 'shop-a', now(),
              case when i % 200 < 2 then date '1990-01-01' + (i / 200) else date '1985-05-05' end
         from generate_series(0, 9999) as i`,
    );
    const started = performance.now();
    const found = await findCandidates(h.sql, { band: 'review', limit: 1000 });
    const ms = performance.now() - started;
    expect(found.filter((c) => c.a.memberNo.startsWith('4')).length).toBe(50);
    expect(ms).toBeLessThan(5000);
  });
});
