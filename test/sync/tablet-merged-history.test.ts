import { firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as DatabaseModule from '../../src/db/database.ts';
import { openTenpoDatabase, readMemberPoints, type TenpoDatabase } from '../../src/db/index.ts';
import { observeMergedEntries } from '../../src/db/points.ts';
import { memberLedger } from '../../src/features/counter/member-ledger.ts';
import type { PointEntry } from '../../src/protocol/index.ts';
import { MEMBER_1, MEMBER_2 } from '../server/helpers/fixture.ts';
import { asTablet } from './support/active-tablet.ts';

vi.mock('../../src/db/database.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof DatabaseModule>();
  const { activeDatabase } = await import('./support/active-tablet.ts');
  return { ...actual, getDatabase: activeDatabase };
});

function entry(id: string, memberId: string, type: PointEntry['type'], points: number, createdAt: string): PointEntry {
  return { id, memberId, type, points, amountYen: type === 'earn' ? points * 100 : 0, channel: 'store', shopId: 'shop-a', deviceId: 'd', staffId: '', ref: '', createdAt, postingNo: 1 };
}

/**
 * 名寄せ re-points history on the tablet too: the survivor's recent activity
 * lists what the merged record did before the merge (display only: the points
 * came over by the merge's transfers, and a return of such a purchase is not
 * offered from the survivor).
 */
describe('history of a merged record under the survivor', () => {
  let db: TenpoDatabase;
  beforeAll(async () => {
    db = await openTenpoDatabase({ name: `merged-history-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
    await db.members.bulkInsert([MEMBER_1, { ...MEMBER_2, mergedInto: MEMBER_1.id }]);
    await db.point_entries.bulkInsert([
      entry('own-earn-0001', MEMBER_1.id, 'earn', 30, '2026-11-01T10:00:00.000Z'),
      entry('old-earn-0001', MEMBER_2.id, 'earn', 120, '2026-10-01T10:00:00.000Z'),
      { ...entry('merge:1:0:out', MEMBER_2.id, 'transfer_out', 120, '2026-11-02T10:00:00.000Z'), lotId: 'lot' },
      entry('merge:1:0:in1', MEMBER_1.id, 'transfer_in', 120, '2026-11-02T10:00:00.000Z'),
    ]);
  });
  afterAll(async () => {
    await db.remove();
  });

  it("lists the merged record's entries with the survivor's, marked, newest first, with no return offered", async () => {
    const merged = await asTablet(db, () => firstValueFrom(observeMergedEntries(MEMBER_1.id)));
    expect(merged.map((e) => e.id).sort()).toEqual(['merge:1:0:out', 'old-earn-0001']);

    const points = await readMemberPoints(db, MEMBER_1.id);
    const { recent, balance } = memberLedger(points, '2026-11-23T00:00:00.000Z', 5, merged);
    expect(recent.map((row) => [row.entry.id, row.merged])).toEqual([
      ['merge:1:0:in1', false],
      ['own-earn-0001', false],
      ['old-earn-0001', true],
    ]);
    expect(recent.find((row) => row.merged)?.returnableYen).toBe(0);
    // The merged record's entries never count twice: the balance is the survivor's own ledger.
    expect(balance).toEqual(memberLedger(points, '2026-11-23T00:00:00.000Z').balance);
  });

  it('has no merged history for a member nobody was merged into', async () => {
    expect(await asTablet(db, () => firstValueFrom(observeMergedEntries(MEMBER_2.id)))).toEqual([]);
  });
});
