import i18next from 'i18next';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/app/i18n/en.ts';
import { ja } from '../../src/app/i18n/ja.ts';
import { pendingText } from '../../src/app/pending-text.ts';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { checkLocalData, noteFilled } from '../../src/db/local-data-check.ts';
import { isStorageLost, watchStorage } from '../../src/db/storage-health.ts';

const AT = '2026-12-04T10:00:00.000Z';
const LOST = new DOMException('Connection to Indexed Database server lost. Refresh the page to try again', 'UnknownError');

describe('isStorageLost: which storage failures mean the connection is gone', () => {
  it('knows the iPad failures, also when Dexie wraps them', () => {
    expect(isStorageLost(LOST)).toBe(true);
    expect(isStorageLost(new DOMException('The transaction was aborted', 'AbortError'))).toBe(true);
    expect(isStorageLost(Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' }))).toBe(true);
    expect(isStorageLost(Object.assign(new Error('wrapped'), { name: 'DexieError', inner: LOST }))).toBe(true);
    expect(isStorageLost(new Error('x', { cause: new Error('Connection to Indexed Database server lost') }))).toBe(true);
  });

  it('leaves a full disk, a duplicate key and ordinary errors alone (a reload would not help)', () => {
    const quota = new DOMException('quota', 'QuotaExceededError');
    expect(isStorageLost(quota)).toBe(false);
    expect(isStorageLost(Object.assign(new DOMException('aborted', 'AbortError'), { inner: quota }))).toBe(false);
    expect(isStorageLost(new DOMException('exists', 'ConstraintError'))).toBe(false);
    expect(isStorageLost(new TypeError('undefined is not a function'))).toBe(false);
    expect(isStorageLost('UnknownError')).toBe(false);
  });
});

describe('watchStorage', () => {
  let db: TenpoDatabase | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('reports a lost connection on any storage call and still fails that call', async () => {
    const lost: unknown[] = [];
    let dead = false;
    const memory = getRxStorageMemory();
    // The memory storage with a switch that makes its writes fail as a dead IndexedDB does.
    const dying: RxStorage<unknown, Record<string, never>> = {
      name: memory.name,
      rxdbVersion: memory.rxdbVersion,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        const bulkWrite = instance.bulkWrite.bind(instance);
        instance.bulkWrite = (...args) => (dead ? Promise.reject(LOST) : bulkWrite(...args));
        return instance;
      },
    };
    db = await openTenpoDatabase({
      name: `watch-${crypto.randomUUID()}`,
      storage: watchStorage(dying, (error) => lost.push(error)),
      collections: ['locations'],
    });
    await db.locations.insert({ id: 'shop-a', kind: 'store', name: '梅田店', updatedAt: AT });
    expect(lost).toEqual([]);
    dead = true;
    await expect(db.locations.insert({ id: 'shop-b', kind: 'store', name: '難波店', updatedAt: AT })).rejects.toThrow();
    expect(lost).toContain(LOST);
  });
});

describe('checkLocalData: a collection that held documents and is empty now', () => {
  let db: TenpoDatabase | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('is found missing once, gets a new replication generation, and is noted again when refilled', async () => {
    db = await openTenpoDatabase({
      name: `local-data-${crypto.randomUUID()}`,
      storage: getRxStorageMemory(),
      collections: ['locations', 'settings'],
    });
    const names = ['locations', 'settings'] as const;
    // A fresh tablet: nothing held yet, so nothing is missing.
    expect(await checkLocalData(db, names)).toEqual({ missing: [], generations: { locations: 0, settings: 0 } });

    await db.locations.insert({ id: 'shop-a', kind: 'store', name: '梅田店', updatedAt: AT });
    await noteFilled(db, 'locations');
    expect((await checkLocalData(db, names)).missing).toEqual([]);

    // The data goes (here by removal; on a tablet, by the browser).
    await db.locations.find().remove();
    expect(await checkLocalData(db, names)).toEqual({ missing: ['locations'], generations: { locations: 1, settings: 0 } });
    // Still empty at the next start (offline, the pull has not run): the same generation, not another.
    expect(await checkLocalData(db, names)).toEqual({ missing: [], generations: { locations: 1, settings: 0 } });

    await db.locations.insert({ id: 'shop-a2', kind: 'store', name: '梅田店', updatedAt: AT });
    await noteFilled(db, 'locations');
    await db.locations.find().remove();
    expect((await checkLocalData(db, names)).generations.locations).toBe(2);
  });
});

describe('pendingText: the unsent count with the age of the oldest', () => {
  async function translator(language: 'ja' | 'en') {
    const instance = i18next.createInstance();
    await instance.init({ lng: language, resources: { ja: { translation: ja }, en: { translation: en } }, interpolation: { escapeValue: false } });
    return instance.t;
  }
  const now = '2026-12-04T12:00:00.000Z';

  it('says how many and how old, in Japanese and English', async () => {
    const t = await translator('ja');
    expect(pendingText(t, 3, '2026-12-04T09:40:00.000Z', now)).toBe('未送信 3件・最古 2時間前');
    expect(pendingText(t, 1, '2026-12-04T11:59:40.000Z', now)).toBe('未送信 1件・最古 1分以内');
    expect(pendingText(t, 2, '2026-12-01T12:00:00.000Z', now)).toBe('未送信 2件・最古 3日前');
    expect(pendingText(t, 0, null, now)).toBeNull();
    const english = await translator('en');
    expect(pendingText(english, 3, '2026-12-04T11:35:00.000Z', now)).toBe('3 unsent · oldest 25 min ago');
  });
});
