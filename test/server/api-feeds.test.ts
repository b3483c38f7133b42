import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContactSchema, apiPurchaseSchema, memberLinkSchema, memberListSchema } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { JANS, MEMBER_1, MEMBER_2, SHOP_A, WAREHOUSE } from './helpers/fixture.ts';
import { seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

/** Issue 9: purchase and contact feeds, exactly once per key, naming members by number or by a linked LINE or EC id. */
describe(`/api/v1 purchases, contacts and identity links (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
  });
  afterAll(async () => {
    await h.close();
  });

  let serial = 0;
  const key = (label: string) => `${label}-${String(++serial).padStart(4, '0')}`;
  const lineId = () => `U${String(++serial).padStart(32, '0')}`;
  const receipt = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key('pos'),
    member: { memberNo: MEMBER_1.memberNo },
    channel: 'store',
    ref: 'R-0001-0042',
    shopId: SHOP_A,
    at: '2026-03-01T10:15:00+09:00',
    lines: [
      { jan: JANS[0], name: 'シャツ', quantity: 2, amountYen: 3960 },
      { jan: '49012345', quantity: 1, amountYen: 220 },
    ],
    ...overrides,
  });
  const contact = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key('contact'),
    member: { memberNo: MEMBER_1.memberNo },
    channel: 'phone',
    at: '2026-03-02T14:00:00+09:00',
    summary: '  サイズ交換の問い合わせ  ',
    staff: '鈴木',
    ...overrides,
  });
  const purchaseRow = async (id: string) => (await h.sql.query('select member_id, ref, total_yen, lines from purchases where id = $1', [id])).rows;
  /** A fresh member made through the API, so merges and links touch nobody else's records. */
  const newMember = async () => {
    const made = await h.call('POST', '/api/v1/members', { name: `会員${++serial}`, nameKana: 'カイイン' });
    expect(made.status, made.text).toBe(201);
    return made.body as { id: string; memberNo: string };
  };

  it('records a store receipt once: 201, then 200 with the same body on every replay, one row', async () => {
    const request = receipt();
    const before = await h.count('purchases');
    const first = await h.call('POST', '/api/v1/purchases', request);
    expect(first.status, first.text).toBe(201);
    expect(apiPurchaseSchema.parse(first.body)).toEqual({
      id: request.idempotencyKey,
      memberNo: MEMBER_1.memberNo,
      channel: 'store',
      ref: 'R-0001-0042',
      shopId: SHOP_A,
      at: '2026-03-01T01:15:00.000Z',
      totalYen: 3960 + 220,
      lines: [
        { jan: JANS[0], name: 'シャツ', quantity: 2, amountYen: 3960 },
        { jan: '49012345', name: '', quantity: 1, amountYen: 220 },
      ],
    });
    for (const replay of [request, { ...request, at: '2026-03-01T01:15:00Z' }]) {
      const again = await h.call('POST', '/api/v1/purchases', replay);
      expect(again.status, again.text).toBe(200);
      expect(again.text).toBe(first.text);
    }
    expect(await h.count('purchases')).toBe(before + 1);
    // Its lines as rows for suggestions, written once with it.
    const lines = await h.sql.query(
      'select line_no, member_id, jan, name, quantity from purchase_lines where purchase_id = $1 order by line_no',
      [request.idempotencyKey],
    );
    expect(lines.rows).toEqual([
      { line_no: 1, member_id: MEMBER_1.id, jan: JANS[0], name: 'シャツ', quantity: 2 },
      { line_no: 2, member_id: MEMBER_1.id, jan: '49012345', name: '', quantity: 1 },
    ]);
  });

  it('records an EC order once, without a shop', async () => {
    const request = receipt({ channel: 'ec', ref: 'EC-2026-000123', shopId: undefined, lines: [{ jan: JANS[1], quantity: 1, amountYen: 5500 }] });
    const before = await h.count('purchases');
    const answers = await Promise.all([1, 2, 3].map(() => h.call('POST', '/api/v1/purchases', request)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(apiPurchaseSchema.parse(answers[0]?.body)).toMatchObject({ channel: 'ec', shopId: '', totalYen: 5500 });
    expect(await h.count('purchases')).toBe(before + 1);
  });

  it('refuses the same key with other content (409) and changes nothing', async () => {
    const request = receipt();
    expect((await h.call('POST', '/api/v1/purchases', request)).status).toBe(201);
    const stored = await purchaseRow(request.idempotencyKey);
    const before = await h.count('purchases');
    const others = [
      { ...request, ref: 'R-OTHER' },
      { ...request, at: '2026-03-01T10:16:00+09:00' },
      { ...request, shopId: 'shop-b' },
      { ...request, member: { memberNo: MEMBER_2.memberNo } },
      { ...request, lines: [...request.lines, { jan: JANS[2], quantity: 1, amountYen: 1 }] },
      { ...request, lines: request.lines.map((line, i) => (i === 0 ? { ...line, quantity: 3 } : line)) },
    ];
    for (const other of others) expectError(await h.call('POST', '/api/v1/purchases', other), 409, 'idempotency-conflict');
    expect(await h.count('purchases')).toBe(before);
    expect(await purchaseRow(request.idempotencyKey)).toEqual(stored);
  });

  it('refuses a receipt for an unknown member number or an unlinked id with unknown-member, a message to act on, and nothing written', async () => {
    const before = await h.count('purchases');
    const answer = await h.call('POST', '/api/v1/purchases', receipt({ member: { memberNo: '1999999999' } }));
    expect(expectError(answer, 422, 'unknown-member').details).toEqual({ memberNo: '1999999999' });
    expect((answer.body as { message: string }).message).toMatch(/no member has number 1999999999.*check the member number/);
    const line = lineId();
    expectError(await h.call('POST', '/api/v1/purchases', receipt({ member: { lineUserId: line } })), 422, 'unknown-member');
    expectError(await h.call('POST', '/api/v1/contacts', contact({ member: { ecAccountId: 'nobody-42' } })), 422, 'unknown-member');
    expect(await h.count('purchases')).toBe(before);
  });

  it('names the field of a bad shop or a bad shape (422 unprocessable)', async () => {
    const before = await h.count('purchases');
    const unknownShop = expectError(await h.call('POST', '/api/v1/purchases', receipt({ shopId: 'shop-zz' })), 422, 'unprocessable');
    expect(unknownShop.details).toEqual([{ path: 'shopId', message: 'no shop "shop-zz"' }]);
    // The EC warehouse is a location but not a shop.
    expectError(await h.call('POST', '/api/v1/purchases', receipt({ shopId: WAREHOUSE })), 422, 'unprocessable');
    for (const bad of [
      receipt({ shopId: undefined }),
      receipt({ channel: 'ec' }),
      receipt({ lines: [] }),
      receipt({ lines: [{ jan: '123', quantity: 1, amountYen: 1 }] }),
      receipt({ lines: [{ jan: JANS[0], quantity: 0, amountYen: 1 }] }),
      receipt({ lines: Array.from({ length: 201 }, () => ({ jan: JANS[0], quantity: 1, amountYen: 1 })) }),
      receipt({ ref: '' }),
      receipt({ ref: 'x'.repeat(65) }),
      receipt({ at: '2026-03-01T10:15:00' }),
      receipt({ member: { memberNo: MEMBER_1.memberNo, lineUserId: lineId() } }),
      receipt({ member: {} }),
    ]) {
      const answer = expectError(await h.call('POST', '/api/v1/purchases', bad), 422, 'unprocessable');
      expect(answer.details, JSON.stringify(bad).slice(0, 200)).toBeDefined();
    }
    expect(await h.count('purchases')).toBe(before);
  });

  it('records a contact once, trimmed; other content under its key is 409', async () => {
    const request = contact();
    const before = await h.count('contacts');
    const first = await h.call('POST', '/api/v1/contacts', request);
    expect(first.status, first.text).toBe(201);
    expect(apiContactSchema.parse(first.body)).toEqual({
      id: request.idempotencyKey,
      memberNo: MEMBER_1.memberNo,
      channel: 'phone',
      at: '2026-03-02T05:00:00.000Z',
      summary: 'サイズ交換の問い合わせ',
      staff: '鈴木',
    });
    const again = await h.call('POST', '/api/v1/contacts', { ...request, summary: 'サイズ交換の問い合わせ' });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expectError(await h.call('POST', '/api/v1/contacts', { ...request, channel: 'line' }), 409, 'idempotency-conflict');
    expectError(await h.call('POST', '/api/v1/contacts', { ...request, staff: undefined }), 409, 'idempotency-conflict');
    expect(await h.count('contacts')).toBe(before + 1);
    for (const bad of [contact({ summary: '   ' }), contact({ summary: 'x'.repeat(501) }), contact({ channel: 'fax' }), contact({ staff: 'x'.repeat(65) })]) {
      expectError(await h.call('POST', '/api/v1/contacts', bad), 422, 'unprocessable');
    }
    expect(await h.count('contacts')).toBe(before + 1);
  });

  it('links a LINE id to one member: 201, 200 again, 409 link-conflict for another member; lookups and feeds find that member', async () => {
    const member = await newMember();
    const other = await newMember();
    const line = lineId();
    const first = await h.call('PUT', `/api/v1/members/${member.memberNo}/links/line/${line}`);
    expect(first.status, first.text).toBe(201);
    expect(memberLinkSchema.parse(first.body)).toMatchObject({ kind: 'line', externalId: line, memberNo: member.memberNo });
    const again = await h.call('PUT', `/api/v1/members/${member.memberNo}/links/line/${line}`);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    const conflict = expectError(await h.call('PUT', `/api/v1/members/${other.memberNo}/links/line/${line}`), 409, 'link-conflict');
    expect(conflict.details).toEqual({ kind: 'line', externalId: line, memberNo: member.memberNo });
    expect(await h.count('member_links')).toBeGreaterThanOrEqual(1);

    const found = await h.call('GET', `/api/v1/members?lineUserId=${line}`);
    expect(found.status, found.text).toBe(200);
    expect(memberListSchema.parse(found.body).members.map((m) => m.memberNo)).toEqual([member.memberNo]);
    expect(memberListSchema.parse((await h.call('GET', `/api/v1/members?lineUserId=U${'f'.repeat(32)}`)).body).members).toEqual([]);

    const bought = await h.call('POST', '/api/v1/purchases', receipt({ member: { lineUserId: line } }));
    expect(bought.status, bought.text).toBe(201);
    const purchase = apiPurchaseSchema.parse(bought.body);
    expect(purchase.memberNo).toBe(member.memberNo);
    expect((await purchaseRow(purchase.id))[0]?.member_id).toBe(member.id);
    // The same receipt named by number is the same content: a replay.
    expect((await h.call('POST', '/api/v1/purchases', receipt({ idempotencyKey: purchase.id, member: { memberNo: member.memberNo } }))).status).toBe(200);

    const ec = `ec-${serial}@shop`;
    expect((await h.call('PUT', `/api/v1/members/${other.memberNo}/links/ec/${encodeURIComponent(ec)}`)).status).toBe(201);
    const byEc = await h.call('GET', `/api/v1/members?ecAccountId=${encodeURIComponent(ec)}`);
    expect(memberListSchema.parse(byEc.body).members.map((m) => m.memberNo)).toEqual([other.memberNo]);
    const talked = await h.call('POST', '/api/v1/contacts', contact({ member: { ecAccountId: ec } }));
    expect(apiContactSchema.parse(talked.body).memberNo).toBe(other.memberNo);
  });

  it('refuses malformed links and lookups with 400, and unknown members with 404, writing nothing', async () => {
    const before = await h.count('member_links');
    for (const url of [
      `/api/v1/members/${MEMBER_1.memberNo}/links/line/U123`,
      `/api/v1/members/${MEMBER_1.memberNo}/links/twitter/${lineId()}`,
      `/api/v1/members/${MEMBER_1.memberNo}/links/ec/${encodeURIComponent('a b')}`,
      `/api/v1/members/123/links/line/${lineId()}`,
    ]) {
      expectError(await h.call('PUT', url), 400, 'invalid-request');
    }
    expectError(await h.call('PUT', `/api/v1/members/1999999999/links/line/${lineId()}`), 404, 'not-found');
    expectError(await h.call('GET', `/api/v1/members?lineUserId=${lineId()}&phone=09012345678`), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/members?lineUserId=nope'), 400, 'invalid-request');
    expect(await h.count('member_links')).toBe(before);
  });

  it('follows a merge (名寄せ): the LINE id of a merged record finds the survivor, its feeds land there, and retries of earlier feeds still answer', async () => {
    const survivor = await newMember();
    const merged = await newMember();
    const line = lineId();
    expect((await h.call('PUT', `/api/v1/members/${merged.memberNo}/links/line/${line}`)).status).toBe(201);
    const early = receipt({ member: { lineUserId: line } });
    const earlyAnswer = await h.call('POST', '/api/v1/purchases', early);
    expect(apiPurchaseSchema.parse(earlyAnswer.body).memberNo).toBe(merged.memberNo);

    const merge = await h.call('POST', '/api/v1/merges', { idempotencyKey: key('merge'), survivorNo: survivor.memberNo, mergedNo: merged.memberNo, approval: TEST_APPROVAL });
    expect(merge.status, merge.text).toBe(201);

    const found = await h.call('GET', `/api/v1/members?lineUserId=${line}`);
    expect(memberListSchema.parse(found.body).members.map((m) => m.memberNo)).toEqual([survivor.memberNo]);
    const late = await h.call('POST', '/api/v1/purchases', receipt({ member: { lineUserId: line } }));
    expect(apiPurchaseSchema.parse(late.body).memberNo).toBe(survivor.memberNo);
    expect((await purchaseRow(apiPurchaseSchema.parse(late.body).id))[0]?.member_id).toBe(survivor.id);
    // Posted before the merge, on the old record: its retry is still the same purchase.
    const retry = await h.call('POST', '/api/v1/purchases', early);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(earlyAnswer.text);
    // The survivor already has this id through the merged record; another member does not.
    expect((await h.call('PUT', `/api/v1/members/${survivor.memberNo}/links/line/${line}`)).status).toBe(200);
    expectError(await h.call('PUT', `/api/v1/members/${MEMBER_2.memberNo}/links/line/${line}`), 409, 'link-conflict');

    // Undone, the id and the early purchase belong to the merged record again.
    const mergeId = (merge.body as { id: string }).id;
    expect((await h.call('POST', `/api/v1/merges/${mergeId}/undo`, { approval: TEST_APPROVAL })).status).toBe(200);
    const after = await h.call('GET', `/api/v1/members?lineUserId=${line}`);
    expect(memberListSchema.parse(after.body).members.map((m) => m.memberNo)).toEqual([merged.memberNo]);
    expect((await purchaseRow(early.idempotencyKey))[0]?.member_id).toBe(merged.id);
  });
});
