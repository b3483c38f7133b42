import { withCheckDigit } from '../../../src/domain/jan.ts';
import { unlinkedMember, type Member, type PointEntryDraft } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../../server/store/sql.ts';

/** A tiny chain: two shops, a warehouse, two members, three products with stock. */
export const SHOP_A = 'shop-a';
export const SHOP_B = 'shop-b';
export const WAREHOUSE = 'wh-ec';

export const MEMBER_1: Member = {
  id: 'member-1',
  memberNo: '1000000001',
  name: '山田 花子',
  nameKana: 'ヤマダ ハナコ',
  kanaKey: 'ヤマダハナコ',
  phone: '+819012345678',
  email: 'hanako@example.jp',
  homeShopId: SHOP_A,
  updatedAt: '2025-04-01T00:00:00.000Z',
  ...unlinkedMember(),
};
export const MEMBER_2: Member = { ...MEMBER_1, id: 'member-2', memberNo: '1000000002', name: '佐藤 太郎', nameKana: 'サトウ タロウ', kanaKey: 'サトウタロウ', phone: '', email: '' };

export const JANS = ['490123456789', '490987654321', '490000000001'].map(withCheckDigit);

export async function seedFixture(sql: Queryable): Promise<void> {
  await sql.query(
    `insert into locations (id, kind, name) values ($1, 'store', 'A店'), ($2, 'store', 'B店'), ($3, 'warehouse', 'EC倉庫')`,
    [SHOP_A, SHOP_B, WAREHOUSE],
  );
  for (const m of [MEMBER_1, MEMBER_2]) {
    await sql.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [m.id, m.memberNo, m.name, m.nameKana, m.phone, m.email, m.homeShopId, m.updatedAt],
    );
  }
  for (const [i, jan] of JANS.entries()) {
    await sql.query('insert into products (jan, name, name_kana, price_yen) values ($1, $2, $3, $4)', [jan, `商品${i}`, `ショウヒン${i}`, 1000 * (i + 1)]);
    for (const location of [SHOP_A, SHOP_B, WAREHOUSE]) {
      await sql.query('insert into stock (jan, location_id, on_hand) values ($1, $2, $3)', [jan, location, 5 + i]);
    }
  }
}

export async function createEnrolmentCode(sql: Queryable, shopId: string, code: string): Promise<string> {
  await sql.query('insert into enrolment_codes (code, shop_id) values ($1, $2)', [code, shopId]);
  return code;
}

/** An earn entry as a tablet would make it. */
export function earn(points: number, overrides: Partial<PointEntryDraft> = {}): PointEntryDraft {
  return {
    id: crypto.randomUUID(),
    memberId: MEMBER_1.id,
    type: 'earn',
    points,
    amountYen: points * 100,
    channel: 'store',
    shopId: SHOP_A,
    deviceId: 'device-test',
    staffId: '',
    ref: '',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}
