import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMemberSchema, memberListSchema } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

describe(`/api/v1/members (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (body: unknown) => h.call('POST', '/api/v1/members', body);
  const find = async (query: string) => {
    const answer = await h.call('GET', `/api/v1/members?${query}`);
    expect(answer.status, answer.text).toBe(200);
    return memberListSchema.parse(answer.body).members.map((m) => m.memberNo);
  };

  it('makes a member with the next member number, the phone as E.164 and the e-mail lower-cased', async () => {
    const answer = await create({ name: ' 鈴木 一郎 ', nameKana: 'スズキ イチロウ', phone: '０９０－２２２２－３３３３', email: '  Ichiro.Suzuki@Example.JP ' });
    expect(answer.status, answer.text).toBe(201);
    const member = apiMemberSchema.parse(answer.body);
    // The fixture's highest number is MEMBER_2's.
    expect(member.memberNo).toBe(String(Number(MEMBER_2.memberNo) + 1));
    expect(member).toMatchObject({ name: '鈴木 一郎', phone: '+819022223333', email: 'ichiro.suzuki@example.jp', homeShopId: '' });
    expect(apiMemberSchema.parse((await h.call('GET', `/api/v1/members/${member.memberNo}`)).body)).toEqual(member);

    const second = apiMemberSchema.parse((await create({ name: '高橋 二郎', nameKana: '' })).body);
    expect(second.memberNo).toBe(String(Number(member.memberNo) + 1));
    expect(second).toMatchObject({ phone: '', email: '' });
  });

  it('a new EC member has no home shop: no tablet holds them until a shop sees them (issue 6), then that shop pulls them', async () => {
    const member = apiMemberSchema.parse((await create({ name: '伊藤 三郎', nameKana: 'イトウ サブロウ' })).body);
    const pulledIds = async () =>
      (await h.app.inject({ url: '/sync/v1/members/pull?limit=1000', headers: h.headers })).json<{ documents: { id: string }[] }>().documents.map((d) => d.id);
    expect(await pulledIds()).not.toContain(member.id);
    // The counter looks them up online (a first visit at this shop).
    const lookup = await h.app.inject({ url: `/sync/v1/members/lookup?q=${member.memberNo}`, headers: h.headers });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(await pulledIds()).toContain(member.id);
  });

  it('finds members by phone in any spelling and by e-mail in any case', async () => {
    // MEMBER_1's phone is +819012345678.
    for (const spelling of ['090-1234-5678', '09012345678', '０９０１２３４５６７８', '０９０－１２３４－５６７８', '090ー1234ー5678', '+81 90 1234 5678', '+81-90-1234-5678']) {
      expect(await find(`phone=${encodeURIComponent(spelling)}`), spelling).toEqual([MEMBER_1.memberNo]);
    }
    expect(await find(`email=${encodeURIComponent(' HANAKO@example.JP ')}`)).toEqual([MEMBER_1.memberNo]);
    expect(await find('phone=08000000000')).toEqual([]);
    expect(await find('email=nobody%40example.jp')).toEqual([]);
    // A member made over the API is found the same way.
    const made = apiMemberSchema.parse((await create({ name: '渡辺 四郎', nameKana: '', phone: '+81 80-5555-6666', email: 'Shiro@Example.jp' })).body);
    expect(await find('phone=080-5555-6666')).toEqual([made.memberNo]);
    expect(await find('email=SHIRO%40EXAMPLE.JP')).toEqual([made.memberNo]);
  });

  it('a lookup needs exactly one of phone or email, and a phone that is one', async () => {
    expectError(await h.call('GET', '/api/v1/members'), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/members?phone=0901234567&email=a%40b.jp'), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/members?phone=hello'), 422, 'unprocessable');
  });

  it('refuses invalid members with 422 and per-field details, and writes nothing', async () => {
    const before = await h.count('members');
    const invalid: unknown[] = [
      { name: '', nameKana: '' },
      { nameKana: 'カナ' },
      { name: 'x'.repeat(101), nameKana: '' },
      { name: '山田', nameKana: '', email: 'not-an-email' },
      { name: '山田', nameKana: '', phone: 12345 },
      { name: '山田', nameKana: '', idempotencyKey: 'short' },
      [],
      JSON.stringify('a JSON string, not an object'),
    ];
    for (const body of invalid) expectError(await create(body), 422, 'unprocessable');

    const badPhone = expectError(await create({ name: '山田', nameKana: '', phone: '090-12' }), 422, 'unprocessable');
    expect(badPhone.details).toEqual([expect.objectContaining({ path: 'phone' })]);
    const badEmail = expectError(await create({ name: '山田', nameKana: '', email: 'x@' }), 422, 'unprocessable');
    expect(badEmail.details).toEqual([expect.objectContaining({ path: 'email' })]);
    expect(await h.count('members')).toBe(before);
  });

  it('with an idempotency key a retry answers 200 with the same member; other content is 409', async () => {
    const request = { idempotencyKey: 'ec-signup-000123', name: '中村 五郎', nameKana: 'ナカムラ ゴロウ', phone: '070-1111-2222' };
    const first = await create(request);
    expect(first.status).toBe(201);
    const before = await h.count('members');
    // The same number spelled another way is the same content.
    const retry = await create({ ...request, phone: '+81 70 1111 2222' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expectError(await create({ ...request, name: '中村 六郎' }), 409, 'idempotency-conflict');
    expect(await h.count('members')).toBe(before);
  });

  it('concurrent retries of one sign-up make one member; concurrent sign-ups get distinct numbers', async () => {
    const before = await h.count('members');
    const request = { idempotencyKey: 'ec-signup-race-1', name: '小林 七子', nameKana: '' };
    const retries = await Promise.all(Array.from({ length: 10 }, () => create(request)));
    expect(retries.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(retries.map((r) => apiMemberSchema.parse(r.body).id)).size).toBe(1);

    const signUps = await Promise.all(Array.from({ length: 10 }, (_, i) => create({ name: `加藤 ${i}`, nameKana: '' })));
    const numbers = signUps.map((r) => apiMemberSchema.parse(r.body).memberNo);
    expect(new Set(numbers).size).toBe(10);
    expect(await h.count('members')).toBe(before + 11);
  });
});
