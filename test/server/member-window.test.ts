import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName, Member, PullResponse } from '../../src/protocol/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';
import { API_KEY } from './helpers/api.ts';
import { earn, MEMBER_1, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { postEntries } from '../../server/services/ledger.ts';
import { writeTransaction } from '../../server/services/write-transaction.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * The member window (device policy memberWindowMonths): a tablet holds its
 * shop's own members and those seen at its shop within the window, no one
 * seen there only longer ago.
 */

const member = (id: string, memberNo: string): Member => ({ ...MEMBER_1, id, memberNo, phone: '', email: '', homeShopId: SHOP_B });
const LAPSED = member('member-lapsed', '1000000021');
const REGULAR = member('member-regular', '1000000022');
const DAY_MS = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

describe(`member window (${backendName})`, () => {
  let h: Harness;
  const lapsedEntry = earn(50, { memberId: LAPSED.id, shopId: SHOP_A, createdAt: ago(400) });
  const regularEntry = earn(60, { memberId: REGULAR.id, shopId: SHOP_A, createdAt: ago(30) });

  const setWindow = (months: number) =>
    h.sql.query(`update setting_documents set body = jsonb_set(body, '{devicePolicy,memberWindowMonths}', to_jsonb($1::int)) where id = 'device-policy'`, [months]);
  const pull = async (collection: CollectionName, token: string, from = { seq: 0, id: '' }) => {
    const headers = { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    const res = await h.app.inject({ url: `/sync/v1/${collection}/pull?seq=${from.seq}&id=${from.id}&limit=1000`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<PullResponse>();
    return { ids: page.documents.map((d) => d.id), checkpoint: page.checkpoint ?? from };
  };

  beforeAll(async () => {
    h = await openHarness({ apiKey: API_KEY });
    await setWindow(6);
    for (const m of [LAPSED, REGULAR]) {
      await h.sql.query(`insert into members (id, member_no, name, name_kana, home_shop_id, updated_at) values ($1, $2, $3, $4, $5, $6)`, [
        m.id,
        m.memberNo,
        m.name,
        m.nameKana,
        m.homeShopId,
        m.updatedAt,
      ]);
    }
    // Posted when they happened: the server's clock then, not now.
    await writeTransaction(h.sql, h.notifier, (ctx) => postEntries(ctx, [lapsedEntry], { now: lapsedEntry.createdAt }));
    await writeTransaction(h.sql, h.notifier, (ctx) => postEntries(ctx, [regularEntry], { now: regularEntry.createdAt }));
  });
  afterAll(async () => {
    await h.close();
  });

  it('a new tablet of A holds the member seen 30 days ago, not the one last seen 400 days ago (window 6 months)', async () => {
    const tablet = await h.enrol('new tablet');
    const members = (await pull('members', tablet.token)).ids;
    expect(members).toContain(REGULAR.id);
    expect(members).toContain(MEMBER_1.id); // home shop A
    expect(members).not.toContain(LAPSED.id);
    expect((await pull('point_accounts', tablet.token)).ids).not.toContain(LAPSED.id);
    const entries = (await pull('point_entries', tablet.token)).ids;
    expect(entries).toContain(regularEntry.id);
    expect(entries).not.toContain(lapsedEntry.id);
  });

  it('the window is the device policy’s: at 24 months the lapsed member is in scope again', async () => {
    await setWindow(24);
    try {
      const tablet = await h.enrol('another tablet');
      expect((await pull('members', tablet.token)).ids).toContain(LAPSED.id);
    } finally {
      await setWindow(6);
    }
  });

  it('a lapsed member who comes back enters the scope: a tablet past their old seqs receives them', async () => {
    const tablet = await h.enrol('third tablet');
    const before = { members: (await pull('members', tablet.token)).checkpoint, accounts: (await pull('point_accounts', tablet.token)).checkpoint };
    const visit = earn(10, { memberId: LAPSED.id, shopId: SHOP_A });
    await writeTransaction(h.sql, h.notifier, (ctx) => postEntries(ctx, [visit]));
    expect((await pull('members', tablet.token, before.members)).ids).toEqual([LAPSED.id]);
    expect((await pull('point_accounts', tablet.token, before.accounts)).ids).toEqual([LAPSED.id]);
    // Presence is per shop: the visits were at A only (B is their home shop, which needs none).
    const { rows } = await h.sql.query<{ shop_id: string }>('select shop_id from member_presence where member_id = $1 order by shop_id', [LAPSED.id]);
    expect(rows.map((r) => r.shop_id)).toEqual([SHOP_A]);
  });
});
