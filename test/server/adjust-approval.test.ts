import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointEntryDraft } from '../../src/protocol/index.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { earn, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { putTestStaff, seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

/** Issue 6: a tablet may push a manual adjustment only when it names a manager of its shop (whose PIN it checked) as staffId. */
describe(`tablet adjustments need a manager's approval (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
    await seedTestApprover(h);
    await putTestStaff(h, 'a-clerk', { name: 'A 店員', role: 'clerk', shopId: SHOP_A, pin: '1111', active: true });
    await putTestStaff(h, 'b-manager', { name: 'B 店長', role: 'manager', shopId: SHOP_B, pin: '2580', active: true });
    await putTestStaff(h, 'gone-manager', { name: '退職 店長', role: 'manager', shopId: SHOP_A, pin: '2580', active: false });
    await putTestStaff(h, 'hq-one', { name: '本部', role: 'hq', shopId: null, pin: '9999', active: true });
  });
  afterAll(async () => {
    await h.close();
  });

  const adjust = (staffId: string, direction: 'credit' | 'debit' = 'credit'): PointEntryDraft =>
    earn(0, { type: 'adjust', points: 50, amountYen: 0, direction, staffId });
  const push = async (docs: object[]) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/point_entries/push',
      headers: h.headers,
      payload: docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
    });
    return { status: res.statusCode, body: res.json<{ error?: string; details?: { index: number }[] }>() };
  };
  const count = async () => Number((await h.sql.query<{ n: number }>('select count(*)::int as n from point_entries')).rows[0]?.n);

  it('refuses an adjustment approved by nobody, a clerk, another shop\'s manager or a former manager, and writes nothing of the batch', async () => {
    const before = await count();
    for (const staffId of ['', 'a-clerk', 'b-manager', 'gone-manager', 'nobody']) {
      const answer = await push([earn(10), adjust(staffId)]);
      expect(answer.status, staffId).toBe(403);
      expect(answer.body).toMatchObject({ error: 'approval-required', details: [{ index: 1 }] });
    }
    expect(await count()).toBe(before);
  });

  it("posts an adjustment approved by the shop's manager or by hq, both ways; a retry is a no-op", async () => {
    const credit = adjust(TEST_APPROVAL.staffId);
    const debit = adjust('hq-one', 'debit');
    const answer = await push([credit, debit]);
    expect(answer.status).toBe(200);
    const { rows } = await h.sql.query<{ id: string; staff_id: string; direction: string }>(
      'select id, staff_id, direction from point_entries where id = any($1::text[]) order by posting_no',
      [[credit.id, debit.id]],
    );
    expect(rows).toEqual([
      { id: credit.id, staff_id: TEST_APPROVAL.staffId, direction: 'credit' },
      { id: debit.id, staff_id: 'hq-one', direction: 'debit' },
    ]);
    expect((await push([credit])).status).toBe(200);
  });

  it('still refuses the types only the server posts', async () => {
    const answer = await push([earn(0, { type: 'expire', points: 5, amountYen: 0, lotId: 'lot-1', expiresOn: '2026-01-01' })]);
    expect(answer.status).toBe(400);
  });
});
