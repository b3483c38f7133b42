import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_POLICY, mergeSchema } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { SHOP_A } from './helpers/fixture.ts';
import { putTestStaff, seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

const MAX_WRONG = DEFAULT_DEVICE_POLICY.maxWrongPins;

/** Issue 6: a merge (and its undo) needs a manager's PIN, checked on the server, counted, locked out, and recorded. */
describe(`merge approval (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
    await putTestStaff(h, 'a-clerk', { name: 'A 店員', role: 'clerk', shopId: SHOP_A, pin: '1111', active: true });
    await putTestStaff(h, 'locked-manager', { name: 'B 店長', role: 'manager', shopId: SHOP_A, pin: '4321', active: true });
  });
  afterAll(async () => {
    await h.close();
  });

  let serial = 0;
  async function member(): Promise<string> {
    serial += 1;
    const memberNo = `40000${String(serial).padStart(5, '0')}`;
    await h.sql.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at) values ($1, $2, $3, $4, '', '', $5, now())`,
      [`approval-member-${serial}`, memberNo, `会員${serial}`, `カイイン${serial}`, SHOP_A],
    );
    return memberNo;
  }
  const count = async (table: string, where = 'true') =>
    Number((await h.sql.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`)).rows[0]?.n);
  const merge = async (approval?: unknown) => {
    const body = { idempotencyKey: `approval-merge-${++serial}`, survivorNo: await member(), mergedNo: await member() };
    return h.call('POST', '/api/v1/merges', approval === undefined ? body : { ...body, approval });
  };

  it('refuses a merge without an approval, or approved by a clerk, and writes nothing', async () => {
    const before = await count('member_merges');
    expectError(await merge(), 422, 'unprocessable');
    expectError(await merge({ staffId: 'a-clerk', pin: '1111' }), 403, 'approval-required');
    expectError(await merge({ staffId: 'nobody', pin: '1111' }), 403, 'approval-required');
    expect(await count('member_merges')).toBe(before);
  });

  it(`counts wrong PINs: ${MAX_WRONG} in a row lock the manager out, even with the right PIN after`, async () => {
    const before = await count('member_merges');
    for (let i = 1; i < MAX_WRONG; i += 1) expectError(await merge({ staffId: 'locked-manager', pin: '0000' }), 403, 'wrong-pin');
    const locked = expectError(await merge({ staffId: 'locked-manager', pin: '0000' }), 423, 'staff-locked-out');
    expect(locked.details).toMatchObject({ lockedUntil: expect.any(String) as string });
    expectError(await merge({ staffId: 'locked-manager', pin: '4321' }), 423, 'staff-locked-out');
    expect(await count('member_merges')).toBe(before);
    expect(await count('audit_events', "action = 'approval-refused' and detail->>'staffId' = 'locked-manager'")).toBe(MAX_WRONG);
    expect(await count('audit_events', "action = 'staff-lockout' and staff_id = 'locked-manager'")).toBe(1);
    // Another manager is not affected.
    expect((await merge(TEST_APPROVAL)).status).toBe(201);
  });

  it('a right PIN merges and undoes, each recorded in audit_events with approved_by', async () => {
    const answer = await merge(TEST_APPROVAL);
    expect(answer.status, answer.text).toBe(201);
    const done = mergeSchema.parse(answer.body);
    const { rows } = await h.sql.query<{ action: string; approved_by: string; member_id: string; merge_id: string }>(
      "select action, approved_by, member_id, detail->>'mergeId' as merge_id from audit_events where detail->>'mergeId' = $1 order by seq",
      [done.id],
    );
    expect(rows).toEqual([{ action: 'merge', approved_by: TEST_APPROVAL.staffId, member_id: done.survivorId, merge_id: done.id }]);

    expectError(await h.call('POST', `/api/v1/merges/${done.id}/undo`), 422, 'unprocessable');
    expectError(await h.call('POST', `/api/v1/merges/${done.id}/undo`, { approval: { ...TEST_APPROVAL, pin: '0000' } }), 403, 'wrong-pin');
    const undo = await h.call('POST', `/api/v1/merges/${done.id}/undo`, { approval: TEST_APPROVAL });
    expect(undo.status, undo.text).toBe(200);
    const after = await h.sql.query<{ action: string; approved_by: string }>(
      "select action, approved_by from audit_events where detail->>'mergeId' = $1 order by seq",
      [done.id],
    );
    expect(after.rows).toEqual([
      { action: 'merge', approved_by: TEST_APPROVAL.staffId },
      { action: 'merge-undo', approved_by: TEST_APPROVAL.staffId },
    ]);
  });
});
