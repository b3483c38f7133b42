import { NEVER, filter, firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as DatabaseModule from '../../src/db/database.ts';
import { openTenpoDatabase, saveEnrolment, type TenpoDatabase } from '../../src/db/index.ts';
import { observeProfileSources } from '../../src/db/profile-sources.ts';
import { addShopNote } from '../../src/db/shop-notes.ts';
import { SHOP_NOTE_MAX_LENGTH, shopNoteSchema, type PushRow, type TimelineDoc } from '../../src/protocol/index.ts';
import { setSignedInStaff } from '../../src/staff/session.ts';
import { replicateCollection } from '../../src/sync/replicate-collection.ts';
import type { SyncTransport } from '../../src/sync/transport.ts';
import { MEMBER_1, MEMBER_2, SHOP_A } from '../server/helpers/fixture.ts';
import { asTablet } from './support/active-tablet.ts';

vi.mock('../../src/db/database.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof DatabaseModule>();
  const { activeDatabase } = await import('./support/active-tablet.ts');
  return { ...actual, getDatabase: activeDatabase };
});

function purchase(id: string, memberId: string, at: string): TimelineDoc {
  return {
    id: `purchase:${id}`,
    memberId,
    kind: 'purchase',
    channel: 'ec',
    at,
    shopId: '',
    ref: `EC-${id}`,
    totalYen: 5_800,
    lines: [{ jan: '4901234567894', name: 'Runner', quantity: 1, amountYen: 5_800 }],
    summary: '',
    staff: '',
    updatedAt: at,
  };
}

/** Issue 9: the shop note, the one timeline document a tablet writes, and the profile's live read of the collection. */
describe('shop notes and the profile sources on a tablet', () => {
  let db: TenpoDatabase;
  beforeAll(async () => {
    db = await openTenpoDatabase({ name: `shop-notes-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
    await db.members.bulkInsert([MEMBER_1, { ...MEMBER_2, mergedInto: MEMBER_1.id }]);
    await asTablet(db, () =>
      saveEnrolment({ deviceId: 'dev-notes', token: 'token', shop: { id: SHOP_A, name: 'A' }, settings: { yenPerPoint: 100 }, deviceName: 't', enrolledAt: new Date().toISOString() }),
    );
    setSignedInStaff({ staffId: 'S0001', name: 'Sato', role: 'clerk', shopId: SHOP_A });
  });
  afterAll(async () => {
    setSignedInStaff(null);
    await db.remove();
  });

  it('writes a trimmed note as a valid shop note of this shop and the signed-in staff', async () => {
    const result = await asTablet(db, () => addShopNote(MEMBER_1.id, '  24.5cmのネイビーを探している \n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = (await db.timeline.findOne(result.note.id).exec())?.toMutableJSON();
    expect(shopNoteSchema.parse(stored)).toEqual(stored);
    expect(stored).toMatchObject({ memberId: MEMBER_1.id, kind: 'contact', channel: 'shop', shopId: SHOP_A, staff: 'S0001', summary: '24.5cmのネイビーを探している' });
  });

  it('refuses an empty or too long note and stores nothing', async () => {
    const before = await db.timeline.count().exec();
    expect(await asTablet(db, () => addShopNote(MEMBER_1.id, '  \n '))).toEqual({ ok: false, reason: 'empty' });
    expect(await asTablet(db, () => addShopNote(MEMBER_1.id, 'x'.repeat(SHOP_NOTE_MAX_LENGTH + 1)))).toEqual({ ok: false, reason: 'too-long' });
    expect(await db.timeline.count().exec()).toBe(before);
    expect((await asTablet(db, () => addShopNote(MEMBER_1.id, 'y'.repeat(SHOP_NOTE_MAX_LENGTH)))).ok).toBe(true);
  });

  it("reads the member's and the merged record's documents, and a document arriving later without asking again", async () => {
    await db.timeline.bulkInsert([purchase('p1', MEMBER_2.id, '2026-11-01T10:00:00.000Z')]);
    const arrived = asTablet(db, async () => {
      const sources$ = observeProfileSources(MEMBER_1.id);
      const later = firstValueFrom(sources$.pipe(filter((sources) => sources.docs.some((doc) => doc.id === 'purchase:p2'))));
      const first = await firstValueFrom(sources$);
      expect(first.docs.map((doc) => doc.id)).toContain('purchase:p1');
      await db.timeline.insert(purchase('p2', MEMBER_1.id, '2026-11-02T10:00:00.000Z'));
      return later;
    });
    const sources = await arrived;
    expect(sources.docs.filter((doc) => doc.kind === 'purchase').map((doc) => doc.memberId).sort()).toEqual([MEMBER_1.id, MEMBER_2.id].sort());
  });

  it('is pushed by the timeline replication', async () => {
    const pushed: PushRow[] = [];
    const transport: SyncTransport = {
      enrol: () => Promise.reject(new Error('not used')),
      pull: () => Promise.resolve({ documents: [], checkpoint: null }),
      push: (_collection, rows) => {
        pushed.push(...rows);
        return Promise.resolve([]);
      },
      openStream: () => new Promise(() => undefined),
    };
    const replication = replicateCollection({
      name: 'timeline',
      collection: db.timeline,
      transport,
      stream$: NEVER,
      identifier: `notes-${crypto.randomUUID()}`,
      reporter: { pulled: () => undefined, pushed: () => undefined, failed: () => undefined },
    });
    try {
      await replication.awaitInSync();
      const notes = pushed.map((row) => row.newDocumentState).filter((doc) => doc.channel === 'shop');
      expect(notes.length).toBe(2);
      for (const note of notes) expect(shopNoteSchema.safeParse(note).success).toBe(true);
    } finally {
      await replication.cancel();
    }
  });
});
