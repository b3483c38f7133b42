import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse, PointAccount, PointEntry, PointEntryDraft } from '../../src/protocol/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';
import { listFlags } from '../../server/services/ec-flags.ts';
import { earn, MEMBER_2 } from './helpers/fixture.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * Bounded offline redemption, the server side: two tablets each redeem within
 * their own caps while offline, against the same last-synced balance. The
 * server posts both in its order; the second overdraws, is posted all the
 * same (the goods are gone), flagged, and repaid by the next earn.
 */
describe(`offline overdraft through sync push (${backendName})`, () => {
  let h: Harness;
  let second: EnrolResponse;
  beforeAll(async () => {
    h = await openHarness();
    second = await h.enrol('レジ2');
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
      payload: docs.map((newDocumentState) => ({ newDocumentState })),
    });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const account = async (): Promise<PointAccount | undefined> => {
    const res = await h.app.inject({ url: '/sync/v1/point_accounts/pull?limit=5000', headers: h.headers });
    return res.json<{ documents: PointAccount[] }>().documents.find((a) => a.memberId === MEMBER_2.id);
  };
  const redeem = (points: number, deviceId: string): PointEntryDraft => ({
    ...earn(points, { memberId: MEMBER_2.id, deviceId, offline: true }),
    type: 'redeem',
    amountYen: 0,
  });

  it('posts both redemptions, flags the one that overdrew, and the account shows the debt', async () => {
    expect((await push(h.device, [earn(100, { memberId: MEMBER_2.id })])).status).toBe(200);
    const a = redeem(80, h.device.deviceId);
    const b = redeem(80, second.deviceId);
    const first = await push(h.device, [a]);
    const late = await push(second, [b]);
    expect(first.status).toBe(200);
    expect(late.status).toBe(200);
    const [postedA] = first.body as PointEntry[];
    const [postedB] = late.body as PointEntry[];
    expect(postedA?.flags).toBeUndefined();
    expect(postedB).toMatchObject({ id: b.id, flags: ['overdraft'], offline: true });
    expect(await account()).toMatchObject({ balance: -60, available: 0, debt: 60, lots: [], flaggedEntryIds: [b.id] });
  });

  it('pays the debt back from the next earn, which records what it repaid; the flag stays on the redemption', async () => {
    const next = earn(100, { memberId: MEMBER_2.id });
    const { body } = await push(h.device, [next]);
    expect((body as PointEntry[])[0]).toMatchObject({ id: next.id, repaid: 60 });
    const shown = await account();
    expect(shown).toMatchObject({ balance: 40, available: 40, debt: 0 });
    expect(shown?.flaggedEntryIds).toHaveLength(1);
    expect(shown?.lots.reduce((sum, lot) => sum + lot.points, 0)).toBe(40);
  });

  it('lists the overdraft in the flags report with its device, shortfall and repayment', async () => {
    const flagged = await account();
    const report = await listFlags(h.sql);
    expect(report.flags).toEqual([
      expect.objectContaining({
        entryId: flagged?.flaggedEntryIds[0],
        memberNo: MEMBER_2.memberNo,
        reason: 'overdraft',
        entryPoints: 80,
        points: 60,
        repaid: 60,
        outstanding: 0,
        deviceId: second.deviceId,
      }),
    ]);
  });

  it('refuses server-only types from a tablet with 400 naming the row, and posts nothing of the batch', async () => {
    const good = earn(1, { memberId: MEMBER_2.id });
    // `adjust` is no longer among them: a tablet may push one approved by a manager (adjust-approval.test.ts).
    const serverOnly: Record<string, Partial<PointEntryDraft>> = {
      expire: { lotId: good.id, expiresOn: '2030-01-01' },
      transfer_in: {},
      transfer_out: {},
    };
    for (const [type, fields] of Object.entries(serverOnly)) {
      const bad = { ...earn(1, { memberId: MEMBER_2.id }), type, amountYen: 0, ...fields };
      const { status, body } = await push(h.device, [good, bad]);
      expect(status, type).toBe(400);
      expect(body, type).toMatchObject({ error: 'invalid-request', details: [{ index: 1, id: bad.id, issues: [{ path: 'type' }] }] });
    }
    const res = await h.app.inject({ url: '/sync/v1/point_entries/pull?limit=5000', headers: h.headers });
    expect(res.json<{ documents: PointEntry[] }>().documents.map((d) => d.id)).not.toContain(good.id);
  });
});
