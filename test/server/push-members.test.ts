import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlinkedMember, type Member, type WireDocument } from '../../src/protocol/index.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { MEMBER_1, MEMBER_2, SHOP_A } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

type Doc = WireDocument<Member>;

describe(`push members: mutable (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const push = async (rows: { assumedMasterState?: object | null; newDocumentState: object }[]) => {
    const res = await h.app.inject({ method: 'POST', url: '/sync/v1/members/push', headers: h.headers, payload: rows });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const current = async (id: string): Promise<Doc | undefined> => {
    const res = await h.app.inject({ url: '/sync/v1/members/pull?limit=5000', headers: h.headers });
    return res.json<{ documents: Doc[] }>().documents.find((d) => d.id === id);
  };
  const master1 = async (): Promise<Doc> => {
    const doc = await current(MEMBER_1.id);
    if (!doc) throw new Error('fixture member missing');
    return doc;
  };

  it('inserts a member the tablet registered (no assumed state, unknown id)', async () => {
    const member: Doc = { ...MEMBER_2, id: 'member-new', memberNo: '1000000099', updatedAt: new Date().toISOString(), _deleted: false };
    expect(await push([{ assumedMasterState: null, newDocumentState: member }])).toEqual({ status: 200, body: [] });
    expect(await current('member-new')).toEqual(member);
  });

  it('writes an edit based on the stored state', async () => {
    const master = await master1();
    const edited = { ...master, phone: '+819099998888', updatedAt: new Date().toISOString() };
    expect(await push([{ assumedMasterState: master, newDocumentState: edited }])).toEqual({ status: 200, body: [] });
    expect(await current(MEMBER_1.id)).toEqual(edited);
  });

  it('compares times as instants: an assumed state written with +09:00 still matches', async () => {
    const master = await master1();
    const jst = new Date(Date.parse(master.updatedAt) + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    const edited = { ...master, email: 'new@example.jp', updatedAt: new Date().toISOString() };
    expect(await push([{ assumedMasterState: { ...master, updatedAt: jst }, newDocumentState: edited }])).toEqual({ status: 200, body: [] });
    expect((await current(MEMBER_1.id))?.email).toBe('new@example.jp');
  });

  it('answers an edit based on a stale state with the stored member and writes nothing', async () => {
    const master = await master1();
    const stale = { ...master, name: '古い 名前' };
    const { status, body } = await push([{ assumedMasterState: stale, newDocumentState: { ...master, name: '上書き' } }]);
    expect(status).toBe(200);
    expect(body).toEqual([master]);
    expect(await current(MEMBER_1.id)).toEqual(master);
  });

  it('treats "insert" of an id that exists as a conflict', async () => {
    const master = await master1();
    const { body } = await push([{ newDocumentState: { ...master, name: '別人' } }]);
    expect(body).toEqual([master]);
  });

  it('does not let a tablet delete a member', async () => {
    const master = await master1();
    const { body } = await push([{ assumedMasterState: master, newDocumentState: { ...master, _deleted: true } }]);
    expect(body).toEqual([master]);
    expect((await current(MEMBER_1.id))?._deleted).toBe(false);
  });

  it('refuses a member number that belongs to someone else with 400, writing nothing of the batch', async () => {
    const fresh: Doc = { ...MEMBER_2, id: 'member-dup', memberNo: '1000000098', updatedAt: new Date().toISOString(), _deleted: false };
    const taken: Doc = { ...fresh, id: 'member-dup2', memberNo: MEMBER_1.memberNo };
    const { status, body } = await push([{ newDocumentState: fresh }, { newDocumentState: taken }]);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid-request', details: { memberNo: MEMBER_1.memberNo } });
    expect(await current('member-dup')).toBeUndefined();
  });

  it('refuses a malformed member with 400', async () => {
    const { status, body } = await push([{ newDocumentState: { ...MEMBER_2, id: 'member-bad', memberNo: '12' } }]);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid-request', details: [{ index: 0, issues: [{ path: 'memberNo' }] }] });
  });

  // Registration at the counter: a tablet registered the member offline and
  // pushes it with no number; the server is the authority on numbers.
  describe('a member registered on a tablet (provisional, memberNo "")', () => {
    const provisional = (id: string, overrides: Partial<Doc> = {}): Doc => ({
      ...unlinkedMember(),
      id,
      memberNo: '',
      name: '神田 太郎',
      nameKana: 'ｶﾝﾀﾞ ﾀﾛｳ',
      kanaKey: 'カンダタロウ',
      phone: '+818012340000',
      email: 'kanda@example.jp',
      homeShopId: SHOP_A,
      consentTerms: true,
      consentMarketing: false,
      updatedAt: new Date().toISOString(),
      _deleted: false,
      ...overrides,
    });
    const all = async (): Promise<Doc[]> => {
      const res = await h.app.inject({ url: '/sync/v1/members/pull?limit=5000', headers: h.headers });
      return res.json<{ documents: Doc[] }>().documents;
    };
    const highestNo = async (): Promise<number> => Math.max(...(await all()).map((d) => Number(d.memberNo)));
    const rowCount = async (): Promise<number> => {
      const { rows } = await h.sql.query<{ n: number | string }>('select count(*) as n from members');
      return Number(rows[0]?.n);
    };

    it('gets the next permanent number, one per member, in push order', async () => {
      const highest = await highestNo();
      const a = provisional('5b1f3f0e-1111-4a6b-8c1d-000000000001');
      const b = provisional('5b1f3f0e-1111-4a6b-8c1d-000000000002', { name: '菅野 花子', nameKana: 'かんの はなこ', phone: '' , email: '' });
      expect(await push([{ newDocumentState: a }, { newDocumentState: b }])).toEqual({ status: 200, body: [] });
      expect(await current(a.id)).toEqual({ ...a, memberNo: String(highest + 1) });
      // The server derives the kana key from the kana, whatever the tablet sent.
      expect(await current(b.id)).toEqual({ ...b, memberNo: String(highest + 2), kanaKey: 'カンノハナコ' });
    });

    it('a retried push makes neither a second member nor a second number', async () => {
      const member = provisional('5b1f3f0e-2222-4a6b-8c1d-000000000001');
      expect((await push([{ newDocumentState: member }])).body).toEqual([]);
      const stored = await current(member.id);
      expect(stored?.memberNo).toMatch(/^[1-9]\d{9}$/);
      const rows = await rowCount();
      const highest = await highestNo();
      // The response to the first push was lost: the tablet sends the same write again.
      const retry = await push([{ newDocumentState: member }]);
      expect(retry).toEqual({ status: 200, body: [stored] });
      expect(await current(member.id)).toEqual(stored);
      expect(await rowCount()).toBe(rows);
      expect(await highestNo()).toBe(highest);
      // And the number was not drawn and thrown away: the next member gets the very next one.
      const next = provisional('5b1f3f0e-2222-4a6b-8c1d-000000000002');
      await push([{ newDocumentState: next }]);
      expect((await current(next.id))?.memberNo).toBe(String(highest + 1));
    });

    it.each([
      ['phone', { phone: '090-1234' }],
      ['email', { email: 'kanda@example' }],
    ])('refuses a bad %s with 400 and writes nothing of the batch, drawing no number', async (field, bad) => {
      const rows = await rowCount();
      const highest = await highestNo();
      const good = provisional(`5b1f3f0e-3333-4a6b-8c1d-00000000000${field === 'phone' ? 1 : 2}`);
      const wrong = provisional(`5b1f3f0e-3333-4a6b-8c1d-00000000001${field === 'phone' ? 1 : 2}`, bad);
      const { status, body } = await push([{ newDocumentState: good }, { newDocumentState: wrong }]);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'invalid-request', details: [{ id: wrong.id, issues: [{ path: field }] }] });
      expect(await rowCount()).toBe(rows);
      expect(await current(good.id)).toBeUndefined();
      expect(await highestNo()).toBe(highest);
    });

    it('stores phone and e-mail normalised, as the tablet and the API look them up', async () => {
      const member = provisional('5b1f3f0e-4444-4a6b-8c1d-000000000001', { phone: '０８０ｰ１２３４ｰ９９９９', email: ' Kanda@Example.JP ' });
      expect((await push([{ newDocumentState: member }])).status).toBe(200);
      expect(await current(member.id)).toMatchObject({ phone: '+818012349999', email: 'kanda@example.jp' });
    });

    const SERVER_OWNED = {
      phoneVerified: true,
      emailVerified: true,
      lineUserId: 'U0123456789abcdef',
      mergedInto: MEMBER_1.id,
      paperCards: ['2900000000017'],
      cardKeys: [{ kid: 'key-00000001', x: 'A'.repeat(43), y: 'B'.repeat(43), createdAt: '2026-01-01T00:00:00.000Z' }],
    };

    it('ignores server-owned fields a tablet sends with a new member', async () => {
      const member = provisional('5b1f3f0e-5555-4a6b-8c1d-000000000001', SERVER_OWNED);
      expect((await push([{ newDocumentState: member }])).status).toBe(200);
      const stored = await current(member.id);
      expect(stored).toMatchObject({ ...unlinkedMember(), consentTerms: true, name: member.name });
      expect(stored?.memberNo).toMatch(/^[1-9]\d{9}$/);
    });

    it('ignores server-owned fields (and the number) a tablet sends with an edit, and keeps its edit', async () => {
      const member = provisional('5b1f3f0e-5555-4a6b-8c1d-000000000002');
      await push([{ newDocumentState: member }]);
      const master = await current(member.id);
      if (!master) throw new Error('not inserted');
      const edited = { ...master, ...SERVER_OWNED, memberNo: '9999999999', name: '神田 太郎（改）', consentMarketing: true, updatedAt: new Date().toISOString() };
      expect(await push([{ assumedMasterState: master, newDocumentState: edited }])).toEqual({ status: 200, body: [] });
      expect(await current(member.id)).toEqual({ ...master, name: '神田 太郎（改）', consentMarketing: true, updatedAt: edited.updatedAt });
    });
  });
});
