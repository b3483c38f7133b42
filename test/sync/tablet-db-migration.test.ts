import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { COLLECTION_NAMES, pointAccountSchema, pointEntrySchema } from '../../src/protocol/index.ts';

/**
 * A tablet in a shop holds version 0 documents — among them ledger entries
 * written offline and not pushed yet, which exist nowhere else — when the app
 * updates to the typed ledger (version 1). Opening the database must carry
 * them over, not refuse to open (RxDB DM4) or lose them.
 */

type Doc = Record<string, unknown>;

// The version 0 schemas as the walking skeleton shipped them.
const ID = { type: 'string', maxLength: 64 } as const;
const TIME = { type: 'string', maxLength: 40 } as const;
const entryV0: RxJsonSchema<Doc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    memberId: ID,
    type: { type: 'string', enum: ['earn', 'redeem'] },
    points: { type: 'integer', minimum: 1 },
    amountYen: { type: 'integer', minimum: 0 },
    channel: { type: 'string', enum: ['store', 'ec'] },
    shopId: { type: 'string', maxLength: 32 },
    deviceId: ID,
    createdAt: TIME,
    postingNo: { type: 'integer', minimum: 1 },
    postedAt: TIME,
  },
  required: ['id', 'memberId', 'type', 'points', 'amountYen', 'channel', 'shopId', 'deviceId', 'createdAt'],
  indexes: [
    ['memberId', 'createdAt'],
    ['deviceId', 'createdAt'],
  ],
};
const accountV0: RxJsonSchema<Doc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: { id: ID, memberId: ID, balance: { type: 'integer' }, postedThrough: { type: 'integer', minimum: 0 }, updatedAt: TIME },
  required: ['id', 'memberId', 'balance', 'postedThrough', 'updatedAt'],
};

const unsent = {
  id: '5b0e7c1e-0000-4000-8000-000000000001',
  memberId: 'member-1',
  type: 'redeem',
  points: 300,
  amountYen: 0,
  channel: 'store',
  shopId: 'shop-shibuya',
  deviceId: 'device-1',
  createdAt: '2026-11-20T10:00:00.000+09:00',
};
const posted = { ...unsent, id: '5b0e7c1e-0000-4000-8000-000000000002', type: 'earn', points: 50, amountYen: 5_000, postingNo: 7, postedAt: '2026-11-20T10:00:01.000+09:00' };

let open: TenpoDatabase | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

describe('opening version 0 data with the typed-ledger schemas', () => {
  it('keeps every entry, unsent ones included, and fills the fields version 1 requires', async () => {
    const storage = getRxStorageMemory();
    const name = `migration-${crypto.randomUUID()}`;
    const old = await createRxDatabase<{ point_entries: RxCollection<Doc>; point_accounts: RxCollection<Doc> }>({ name, storage, multiInstance: false });
    await old.addCollections({ point_entries: { schema: entryV0 }, point_accounts: { schema: accountV0 } });
    await old.point_entries.bulkInsert([unsent, posted]);
    await old.point_accounts.insert({ id: 'member-1', memberId: 'member-1', balance: -40, postedThrough: 7, updatedAt: '2026-11-20T01:00:00.000Z' });
    await old.close();

    open = await openTenpoDatabase({ name, storage });
    const entries = (await open.point_entries.find({ sort: [{ id: 'asc' }] }).exec()).map((doc) => doc.toMutableJSON());
    expect(entries).toEqual([
      { ...unsent, staffId: '', ref: '' },
      { ...posted, staffId: '', ref: '' },
    ]);
    // What the server will be sent and what it sends back both still parse.
    for (const entry of entries) expect(pointEntrySchema.safeParse(entry).success).toBe(true);

    const account = (await open.point_accounts.findOne('member-1').exec())?.toMutableJSON();
    expect(account).toMatchObject({ balance: -40, available: 0, debt: 40, lots: [], rank: 'regular', flaggedEntryIds: [] });
    expect(pointAccountSchema.safeParse(account).success).toBe(true);

    // The unsent entry is still found by the query that counts what is left to push.
    const unsentNow = await open.point_entries.find({ selector: { deviceId: 'device-1', postingNo: { $exists: false } } }).exec();
    expect(unsentNow.map((doc) => doc.id)).toEqual([unsent.id]);
  });

  it('opens an empty database with every collection, within the free build’s limit', async () => {
    open = await openTenpoDatabase({ name: `fresh-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
    expect(Object.keys(open.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
    // DESIGN.md asked for 10 or fewer; issue 9's `timeline` is an agreed 11th, issue 10's `coupons` a 12th. The free build refuses a 14th open collection (COL23).
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(12);
  });
});
