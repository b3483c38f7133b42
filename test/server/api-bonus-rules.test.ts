import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../src/protocol/index.ts';
import { apiBonusRuleSchema, bonusRuleListSchema, memberPointsSchema, POINTS_POLICY_SETTINGS_ID } from '../../src/protocol/index.ts';
import { bonusEntryId } from '../../server/services/ec-bonus.ts';
import { AUTH, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { earn, SHOP_A } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

const WELCOME = { name: 'EC初回ボーナス', kind: 'first-ec-purchase', points: 500, from: '2020-01-01', to: '2099-12-31' } as const;

/** Issue 10: "the first EC purchase gets the shop balance welcome bonus", a bonus rule of the points policy. */
describe(`/api/v1/bonus-rules and the first-EC-purchase bonus (${backendName})`, () => {
  let h: ApiHarness;
  const heard: CollectionName[] = [];
  beforeAll(async () => {
    h = await openApiHarness();
    h.notifier.subscribe((collection) => heard.push(collection));
  });
  afterAll(async () => {
    await h.close();
  });

  const list = async () => bonusRuleListSchema.parse((await h.call('GET', '/api/v1/bonus-rules')).body).bonusRules;
  const remove = async (id: string) => {
    const res = await h.app.inject({ method: 'DELETE', url: `/api/v1/bonus-rules/${id}`, headers: AUTH });
    return { status: res.statusCode, body: res.json<unknown>(), text: res.body, headers: res.headers };
  };
  const seq = async () => (await h.sql.query<{ seq: string }>('select seq::text as seq from setting_documents where id = $1', [POINTS_POLICY_SETTINGS_ID])).rows[0]?.seq;

  let members = 0;
  /** A member of its own per case, optionally with shop points (a store earn posted as a tablet would). */
  const member = async (storePoints: number | null) => {
    members += 1;
    const id = `bonus-member-${members}`;
    const memberNo = String(2_000_000_000 + members);
    await h.sql.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at) values ($1, $2, '会員', 'カイイン', '', '', $3, $4)`,
      [id, memberNo, SHOP_A, new Date().toISOString()],
    );
    if (storePoints !== null) await h.postAt(new Date().toISOString(), [earn(storePoints, { memberId: id })]);
    return { id, memberNo };
  };
  const ecEarn = (memberNo: string, key: string, points = 30) =>
    h.call('POST', '/api/v1/point-entries', { idempotencyKey: key, memberNo, type: 'earn', points, amountYen: points * 100, channel: 'ec', ref: `EC-${key}` });
  const entries = async (memberId: string) =>
    (
      await h.sql.query<{ id: string; type: string; direction: string | null; points: number; channel: string; campaign_id: string | null; rule: string | null }>(
        'select id, type, direction, points, channel, campaign_id, rule from point_entries where member_id = $1 order by posting_no',
        [memberId],
      )
    ).rows;
  const bonuses = async (memberId: string) => (await entries(memberId)).filter((entry) => entry.type === 'adjust');
  const balance = async (memberNo: string) => {
    const res = await h.call('GET', `/api/v1/members/${memberNo}/points`);
    expect(res.status, res.text).toBe(200);
    return memberPointsSchema.parse(res.body).balance;
  };

  it('creates, replaces and removes a bonus rule in the points policy tablets pull', async () => {
    const seqBefore = await seq();
    heard.length = 0;
    const created = await h.call('PUT', '/api/v1/bonus-rules/crud-1', WELCOME);
    expect(created.status, created.text).toBe(201);
    expect(apiBonusRuleSchema.parse(created.body)).toEqual({ id: 'crud-1', ...WELCOME });
    expect(await list()).toEqual([created.body]);
    await expect.poll(() => heard).toContain('settings');
    expect(await seq()).not.toBe(seqBefore);

    const replaced = await h.call('PUT', '/api/v1/bonus-rules/crud-1', { ...WELCOME, points: 300, to: '2030-03-31' });
    expect(replaced.status, replaced.text).toBe(200);
    expect(await list()).toEqual([{ id: 'crud-1', ...WELCOME, points: 300, to: '2030-03-31' }]);
    const removed = await remove('crud-1');
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toEqual(replaced.body);
    expect(await list()).toEqual([]);
    expectError(await remove('crud-1'), 404, 'not-found');
  });

  it('refuses bad rules with a 4xx and a stable code, and writes nothing', async () => {
    expect((await h.call('PUT', '/api/v1/bonus-rules/kept', WELCOME)).status).toBe(201);
    const before = await list();
    const seqBefore = await seq();
    const invalid: [Record<string, unknown>, string][] = [
      [{ from: '2026-05-02', to: '2026-05-01' }, 'to'],
      [{ from: '2026-02-30' }, 'from'],
      [{ points: 0 }, 'points'],
      [{ points: 100_001 }, 'points'],
      [{ points: 1.5 }, 'points'],
      [{ kind: 'birthday' }, 'kind'],
      [{ name: ' ' }, 'name'],
      [{ unknownField: 1 }, ''],
    ];
    for (const [overrides, path] of invalid) {
      const answer = expectError(await h.call('PUT', '/api/v1/bonus-rules/bad-one', { ...WELCOME, ...overrides }), 422, 'unprocessable');
      expect(answer.details, JSON.stringify(overrides)).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    expectError(await h.call('PUT', `/api/v1/bonus-rules/${'x'.repeat(33)}`, WELCOME), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/bonus-rules/has%20space', WELCOME), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/bonus-rules/bad-one', '{"name": '), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/bonus-rules/bad-one', WELCOME, {}), 401, 'unauthorized');
    expect(await list()).toEqual(before);
    expect(await seq()).toBe(seqBefore);
    expect((await remove('kept')).status).toBe(200);
  });

  it("a shop member's first EC earn within the rule gets the bonus once: not on a replay, not on the next EC earn", async () => {
    expect((await h.call('PUT', '/api/v1/bonus-rules/welcome', WELCOME)).status).toBe(201);
    const { id, memberNo } = await member(120);
    const first = await ecEarn(memberNo, 'bonus-first-0001');
    expect(first.status, first.text).toBe(201);
    expect(await bonuses(id)).toEqual([
      {
        id: `bonus:welcome:${id}`,
        type: 'adjust',
        direction: 'credit',
        points: 500,
        channel: 'ec',
        campaign_id: 'welcome',
        rule: 'first-ec-purchase welcome: 500 pt welcome bonus with EC earn bonus-first-0001',
      },
    ]);
    expect(await balance(memberNo)).toBe(120 + 30 + 500);

    const replay = await ecEarn(memberNo, 'bonus-first-0001');
    expect(replay.status, replay.text).toBe(200);
    expect(replay.body).toEqual(first.body);
    const second = await ecEarn(memberNo, 'bonus-first-0002', 40);
    expect(second.status, second.text).toBe(201);
    expect((await entries(id)).map((entry) => entry.type)).toEqual(['earn', 'earn', 'adjust', 'earn']);
    expect(await balance(memberNo)).toBe(120 + 30 + 500 + 40);
  });

  it('two first EC earns at once post one bonus', async () => {
    const { id, memberNo } = await member(10);
    const answers = await Promise.all([ecEarn(memberNo, 'bonus-race-0001'), ecEarn(memberNo, 'bonus-race-0002')]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect((await bonuses(id)).map((entry) => entry.id)).toEqual([`bonus:welcome:${id}`]);
    expect(await balance(memberNo)).toBe(10 + 30 + 30 + 500);
  });

  /** A shop member's first EC earn, now: proves the rule is running when a case next to it expects no bonus. */
  const expectBonusForControl = async (key: string) => {
    const control = await member(5);
    expect((await ecEarn(control.memberNo, key)).status).toBe(201);
    expect((await bonuses(control.id)).map((entry) => entry.points)).toEqual([WELCOME.points]);
  };

  it('no bonus without a shop history, nor for a redeem, nor outside the rule', async () => {
    await expectBonusForControl('bonus-control-1');
    const newcomer = await member(null);
    expect((await ecEarn(newcomer.memberNo, 'bonus-none-0001')).status).toBe(201);
    expect(await bonuses(newcomer.id)).toEqual([]);

    const redeemer = await member(200);
    const redeem = await h.call('POST', '/api/v1/point-entries', { idempotencyKey: 'bonus-redeem-01', memberNo: redeemer.memberNo, type: 'redeem', points: 50, channel: 'ec', ref: 'EC-R1' });
    expect(redeem.status, redeem.text).toBe(201);
    expect(await bonuses(redeemer.id)).toEqual([]);

    // The rule is over: a member's first EC earn now gets nothing, and once the rule runs again that earn still was the first.
    expect((await h.call('PUT', '/api/v1/bonus-rules/welcome', { ...WELCOME, from: '2020-01-01', to: '2020-12-31' })).status).toBe(200);
    const late = await member(50);
    expect((await ecEarn(late.memberNo, 'bonus-late-0001')).status).toBe(201);
    expect(await bonuses(late.id)).toEqual([]);
    expect((await h.call('PUT', '/api/v1/bonus-rules/welcome', WELCOME)).status).toBe(200);
    expect((await ecEarn(late.memberNo, 'bonus-late-0002')).status).toBe(201);
    expect(await bonuses(late.id)).toEqual([]);
    await expectBonusForControl('bonus-control-2');
    expect(await balance(late.memberNo)).toBe(50 + 30 + 30);
  });

  it('an EC earn on a record merged into the member (名寄せ) was their first: no bonus', async () => {
    const survivor = await member(80);
    const old = await member(null);
    await h.postAt(new Date().toISOString(), [earn(20, { memberId: old.id, channel: 'ec', shopId: '', deviceId: '' })]);
    await h.sql.query('update members set merged_into = $1 where id = $2', [survivor.id, old.id]);
    expect((await ecEarn(survivor.memberNo, 'bonus-merged-01')).status).toBe(201);
    expect(await bonuses(survivor.id)).toEqual([]);
    await expectBonusForControl('bonus-control-3');
  });

  it('a member id the entry id pattern cannot hold still gets a deterministic bonus id', () => {
    const rule = 'r'.repeat(32);
    for (const memberId of ['m'.repeat(64), '会員/1']) {
      expect(bonusEntryId(rule, memberId)).toMatch(new RegExp(`^bonus:${rule}:h[0-9a-f]{40}$`));
      expect(bonusEntryId(rule, memberId)).toBe(bonusEntryId(rule, memberId));
    }
    expect(bonusEntryId(rule, 'm'.repeat(64))).not.toBe(bonusEntryId(rule, 'm'.repeat(63)));
    expect(bonusEntryId('welcome', 'member-1')).toBe('bonus:welcome:member-1');
  });
});
