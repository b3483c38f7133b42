import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { insertRegistration } from '../../src/db/member-writes.ts';
import { queryMembers, resolveSurvivor } from '../../src/db/members.ts';
import { foldKana } from '../../src/domain/identity/kana.ts';
import { parseMemberQuery } from '../../src/domain/member-search.ts';
import { paperCardNo } from '../../src/domain/paper-card.ts';
import { unlinkedMember, type Member } from '../../src/protocol/index.ts';

/**
 * The counter's lookups on a tablet's own database (offline): every kind of
 * query, and 名寄せ — a merged member's old number finds the survivor.
 */

const CARD = paperCardNo(12345678);

function member(id: string, overrides: Partial<Member>): Member {
  const nameKana = overrides.nameKana ?? 'テスト';
  return {
    id,
    memberNo: '',
    name: '試験',
    nameKana,
    kanaKey: foldKana(nameKana),
    phone: '',
    email: '',
    homeShopId: 'shop-a',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...unlinkedMember(),
    ...overrides,
  };
}

const KANDA = member('m-kanda', { memberNo: '1000000001', name: '神田 太郎', nameKana: 'ｶﾝﾀﾞ ﾀﾛｳ', phone: '+819012345678', email: 'taro@example.jp' });
const KANNO = member('m-kanno', { memberNo: '1000000002', name: '菅野 花子', nameKana: 'かんの はなこ', phone: '+819012345678' });
const SATO = member('m-sato', { memberNo: '1000000003', name: '佐藤 一郎', nameKana: 'サトウ イチロウ', paperCards: [paperCardNo(7), CARD] });
const NEW = member('m-new', { memberNo: '', name: '新井 次郎', nameKana: 'アライ ジロウ', phone: '+818011112222' });
// 名寄せ: OLD was merged into MID, MID later into SURVIVOR; LOOP_A and LOOP_B point at each other (bad data).
const SURVIVOR = member('m-survivor', { memberNo: '1000000010', name: '統合 先', nameKana: 'トウゴウ サキ', phone: '+817033334444' });
const MID = member('m-mid', { memberNo: '1000000011', mergedInto: 'm-survivor', phone: '+817033334444' });
const OLD = member('m-old', { memberNo: '1000000012', mergedInto: 'm-mid' });
const ORPHAN = member('m-orphan', { memberNo: '1000000013', mergedInto: 'm-not-synced-yet' });
const LOOP_A = member('m-loop-a', { memberNo: '1000000014', mergedInto: 'm-loop-b' });
const LOOP_B = member('m-loop-b', { memberNo: '1000000015', mergedInto: 'm-loop-a' });

describe('member lookup on the tablet', () => {
  let db: TenpoDatabase;
  beforeAll(async () => {
    db = await openTenpoDatabase({ name: `lookup-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
    await db.members.bulkInsert([KANDA, KANNO, SATO, NEW, SURVIVOR, MID, OLD, ORPHAN, LOOP_A, LOOP_B]);
  });
  afterAll(async () => {
    await db.remove();
  });

  const ids = async (typed: string) => (await queryMembers(db.members, parseMemberQuery(typed))).map((m) => m.member.id);

  it.each([
    ['1000000001', ['m-kanda']],
    ['１０００００００１０', ['m-survivor']],
    ['090-1234-5678', ['m-kanda', 'm-kanno']],
    ['０９０ｰ１２３４ｰ５６７８', ['m-kanda', 'm-kanno']],
    ['+81 90 1234 5678', ['m-kanda', 'm-kanno']],
    ['080‐1111‐2222', ['m-new']],
    ['  Taro@Example.JP ', ['m-kanda']],
    ['かん', ['m-kanda', 'm-kanno']],
    ['ｶﾝﾀﾞ', ['m-kanda']],
    ['カンダ タロウ', ['m-kanda']],
    ['あらい', ['m-new']],
    [CARD, ['m-sato']],
    [`${CARD.slice(0, 6)}-${CARD.slice(6)}`, ['m-sato']],
    [paperCardNo(8), []],
    ['ヤマダ', []],
    ['nobody@example.jp', []],
  ])('%s finds %j', async (typed, expected) => {
    expect(await ids(typed)).toEqual(expected);
  });

  it('follows a chain of merges to the survivor and says which record was matched', async () => {
    const [match] = await queryMembers(db.members, { by: 'memberNo', memberNo: OLD.memberNo });
    expect(match?.member.id).toBe(SURVIVOR.id);
    expect(match?.mergedFrom?.memberNo).toBe(OLD.memberNo);
  });

  it('lists a survivor once when it and a merged record share the phone', async () => {
    const matches = await queryMembers(db.members, parseMemberQuery('070-3333-4444'));
    expect(matches.map((m) => m.member.id)).toEqual([SURVIVOR.id]);
  });

  it('keeps the merged record when its survivor has not reached this tablet yet', async () => {
    const match = await resolveSurvivor(db.members, ORPHAN);
    expect(match).toEqual({ member: ORPHAN });
  });

  it('stops on a loop of merges instead of hanging', async () => {
    const match = await resolveSurvivor(db.members, LOOP_A);
    expect(match.member.id).toBe(LOOP_B.id);
    expect(match.mergedFrom?.id).toBe(LOOP_A.id);
  });

  it('finds nothing for what is not a query', async () => {
    expect(await queryMembers(db.members, { by: 'none' })).toEqual([]);
  });
});

describe('registration on the tablet', () => {
  let db: TenpoDatabase;
  beforeAll(async () => {
    db = await openTenpoDatabase({ name: `register-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
  });
  afterAll(async () => {
    await db.remove();
  });

  const FORM = { name: '神田 三郎', nameKana: 'ｶﾝﾀﾞ ｻﾌﾞﾛｳ', phone: '０８０－５５５５－６６６６', email: ' Saburo@Example.jp', consentTerms: true, consentMarketing: true };

  it('writes a provisional member with a UUID, the folded kana key, this shop and nothing server-owned', async () => {
    const now = new Date('2026-11-23T09:00:00.000Z');
    const result = await insertRegistration(db.members, FORM, 'shop-b', now);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    const stored = (await db.members.findOne(result.member.id).exec())?.toMutableJSON();
    expect(stored).toEqual({
      ...unlinkedMember(),
      id: result.member.id,
      memberNo: '',
      name: '神田 三郎',
      nameKana: 'カンダ サブロウ',
      kanaKey: 'カンダサブロウ',
      phone: '+818055556666',
      email: 'saburo@example.jp',
      homeShopId: 'shop-b',
      consentTerms: true,
      consentMarketing: true,
      updatedAt: now.toISOString(),
    });
    expect(result.member.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Found at once, offline, by kana and by phone.
    expect((await queryMembers(db.members, parseMemberQuery('かんださ'))).map((m) => m.member.id)).toEqual([result.member.id]);
    expect((await queryMembers(db.members, parseMemberQuery('080-5555-6666'))).map((m) => m.member.id)).toEqual([result.member.id]);
  });

  it('writes nothing when the form breaks the server rules', async () => {
    const before = await db.members.count().exec();
    const result = await insertRegistration(db.members, { ...FORM, phone: '080-5555', consentTerms: false }, 'shop-b');
    expect(result).toEqual({ ok: false, reason: 'invalid', problems: { phone: 'not-phone', consentTerms: 'terms-required' } });
    expect(await db.members.count().exec()).toBe(before);
  });
});
