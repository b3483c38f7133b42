import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperCardEntryId, paperCardNo } from '../../src/domain/paper-card.ts';
import type { EnrolResponse, Member, PointEntry, PointEntryDraft } from '../../src/protocol/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { earn, MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/** A migration entry exactly as the tablet's wizard writes it. */
function migration(cardNo: string, points: number, device: EnrolResponse, overrides: Partial<PointEntryDraft> = {}): PointEntryDraft {
  return earn(points, {
    id: paperCardEntryId(cardNo),
    type: 'migration',
    amountYen: 0,
    ref: cardNo,
    shopId: device.shop.id,
    deviceId: device.deviceId,
    ...overrides,
  });
}

describe(`paper card migration: one card, one migration in the chain (${backendName})`, () => {
  let h: Harness;
  let other: EnrolResponse;
  beforeAll(async () => {
    h = await openHarness();
    other = await h.enrol('レジ2');
  });
  afterAll(async () => {
    await h.close();
  });

  const headersOf = (device: EnrolResponse) => ({ authorization: `Bearer ${device.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
  const push = async (device: EnrolResponse, docs: object[]) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/point_entries/push',
      headers: headersOf(device),
      payload: docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
    });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const entriesOfCard = async (cardNo: string) =>
    (await h.sql.query<{ id: string; member_id: string; points: number }>(`select id, member_id, points from point_entries where type = 'migration' and ref = $1`, [cardNo])).rows;
  const cardRows = async (cardNo: string) =>
    (await h.sql.query<{ member_id: string; entry_id: string; device_id: string; points: number }>('select member_id, entry_id, device_id, points from paper_cards where card_no = $1', [cardNo])).rows;
  const pulledMember = async (id: string): Promise<Member | undefined> => {
    const res = await h.app.inject({ url: '/sync/v1/members/pull?limit=5000', headers: h.headers });
    return res.json<{ documents: Member[] }>().documents.find((m) => m.id === id);
  };
  const balanceOf = async (memberId: string) =>
    (await h.sql.query<{ balance: number }>('select balance from point_accounts where member_id = $1', [memberId])).rows[0]?.balance ?? 0;

  it('posts the first migration of a card and links the card to the member, in the member document tablets pull', async () => {
    const card = paperCardNo(1);
    const before = await pulledMember(MEMBER_1.id);
    const { status, body } = await push(h.device, [migration(card, 1200, h.device)]);
    expect(status).toBe(200);
    expect(body).toEqual([expect.objectContaining({ id: paperCardEntryId(card), memberId: MEMBER_1.id, points: 1200, postingNo: expect.any(Number) as number })]);
    expect(await entriesOfCard(card)).toEqual([{ id: paperCardEntryId(card), member_id: MEMBER_1.id, points: 1200 }]);
    expect(await cardRows(card)).toEqual([{ member_id: MEMBER_1.id, entry_id: paperCardEntryId(card), device_id: h.device.deviceId, points: 1200 }]);
    const after = await pulledMember(MEMBER_1.id);
    expect(after?.paperCards).toEqual([card]);
    expect(before?.paperCards).toEqual([]);
    expect(await balanceOf(MEMBER_1.id)).toBe(1200);
  });

  it('answers a second migration of the same card (another tablet, another member) with the stored entry and posts nothing', async () => {
    const card = paperCardNo(2);
    await push(h.device, [migration(card, 800, h.device)]);
    const balances = [await balanceOf(MEMBER_1.id), await balanceOf(MEMBER_2.id)];
    const { status, body } = await push(other, [migration(card, 3000, other, { memberId: MEMBER_2.id })]);
    expect(status).toBe(200);
    // The loser's tablet adopts this copy: another member, another device — how it knows it was refused.
    expect(body).toEqual([expect.objectContaining({ id: paperCardEntryId(card), memberId: MEMBER_1.id, deviceId: h.device.deviceId, points: 800 })]);
    expect(await entriesOfCard(card)).toHaveLength(1);
    expect(await cardRows(card)).toEqual([expect.objectContaining({ member_id: MEMBER_1.id, device_id: h.device.deviceId, points: 800 })]);
    expect((await pulledMember(MEMBER_2.id))?.paperCards).toEqual([]);
    expect([await balanceOf(MEMBER_1.id), await balanceOf(MEMBER_2.id)]).toEqual(balances);
  });

  it('a retry of the winning push is a no-op: the card is linked once', async () => {
    const card = paperCardNo(3);
    const draft = migration(card, 50, h.device, { memberId: MEMBER_2.id });
    await push(h.device, [draft]);
    await push(h.device, [draft]);
    expect(await cardRows(card)).toHaveLength(1);
    expect((await pulledMember(MEMBER_2.id))?.paperCards).toEqual([card]);
  });

  it.each<[string, (card: string) => Partial<PointEntryDraft>]>([
    ['a ref that is not a card number', () => ({ ref: 'PAPER-000123', id: 'card-PAPER-000123' })],
    ['a wrong check digit', (card) => ({ ref: `${card.slice(0, 12)}${(Number(card[12]) + 1) % 10}`, id: paperCardEntryId(`${card.slice(0, 12)}${(Number(card[12]) + 1) % 10}`) })],
    ['a product JAN', () => ({ ref: '4901085089491', id: paperCardEntryId('4901085089491') })],
    ['a random id instead of the card-derived key', () => ({ id: crypto.randomUUID() })],
  ])('refuses %s with 400 and writes nothing of the batch', async (_label, change) => {
    const card = paperCardNo(4);
    const good = earn(9);
    const bad = { ...migration(card, 100, h.device), ...change(card) };
    const { status, body } = await push(h.device, [good, bad]);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid-request', details: [{ index: 1 }] });
    const { rows } = await h.sql.query('select id from point_entries where id = any($1::text[])', [[good.id, bad.id]]);
    expect(rows).toEqual([]);
    expect(await cardRows(card)).toEqual([]);
  });

  it('returns to the pusher the stored entry even when its own copy was a migration for the same member (same card, two tablets)', async () => {
    const card = paperCardNo(5);
    await push(other, [migration(card, 700, other)]);
    const { body } = await push(h.device, [migration(card, 700, h.device)]);
    const [stored] = body as PointEntry[];
    expect(stored?.deviceId).toBe(other.deviceId);
    expect(await entriesOfCard(card)).toHaveLength(1);
  });
});
