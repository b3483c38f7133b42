import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, WireDocument } from '../../src/protocol/index.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
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
});
