import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { checkSignedCode } from '../../src/db/signed-codes.ts';
import { CLOCK_SKEW_S, MAX_CODE_LIFETIME_S, generateCardKeyPair, publicKeyCoords, signMemberCode } from '../../src/domain/signed-member-code.ts';
import { unlinkedMember, type Member } from '../../src/protocol/index.ts';

/**
 * The tablet's side of TNP2 (src/db/signed-codes.ts): keys come from the
 * member documents on the tablet, seen nonces are stored in the database (a
 * reload does not forget them), and a merged member's code finds the survivor.
 */
const NOW = 1_800_000_000;
const KID = 'kid-phone-001';

function member(id: string, memberNo: string, extra: Partial<Member> = {}): Member {
  return {
    id,
    memberNo,
    name: `会員 ${memberNo}`,
    nameKana: 'カイイン',
    kanaKey: 'カイイン',
    phone: '',
    email: '',
    homeShopId: 'shop-a',
    updatedAt: '2025-04-01T00:00:00.000Z',
    ...unlinkedMember(),
    ...extra,
  };
}

describe('tablet: verifying TNP2 codes against the local members', () => {
  const storage = getRxStorageMemory();
  const opened: TenpoDatabase[] = [];
  let keys: CryptoKeyPair;
  let coords: { x: string; y: string };
  let name = '';

  const open = async (): Promise<TenpoDatabase> => {
    const db = await openTenpoDatabase({ name, storage });
    opened.push(db);
    return db;
  };
  const code = (memberId: string, issuedAt = NOW) => signMemberCode(keys.privateKey, { memberId, issuedAt, kid: KID });

  beforeAll(async () => {
    keys = await generateCardKeyPair();
    coords = await publicKeyCoords(keys.publicKey);
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  const seed = async (db: TenpoDatabase): Promise<void> => {
    const cardKeys = [{ kid: KID, ...coords, createdAt: '2025-04-01T00:00:00.000Z' }];
    await db.members.bulkInsert([
      member('m-1', '1000000001', { cardKeys }),
      member('m-old', '1000000002', { cardKeys, mergedInto: 'm-new' }),
      member('m-new', '1000000003'),
      member('m-nokey', '1000000004'),
    ]);
  };

  it('accepts a code once, and refuses it again even after the database is reopened', async () => {
    name = `signed-${crypto.randomUUID()}`;
    const db = await open();
    await seed(db);
    const raw = await code('m-1');
    const first = await checkSignedCode(db, raw, NOW);
    expect(first).toMatchObject({ ok: true, kid: KID, member: { id: 'm-1' } });
    expect(await checkSignedCode(db, raw, NOW + 1)).toEqual({ ok: false, reason: 'replayed' });
    await db.close();
    opened.length = 0;

    const reopened = await open();
    expect(await checkSignedCode(reopened, raw, NOW + 2)).toEqual({ ok: false, reason: 'replayed' });
    expect(await checkSignedCode(reopened, await code('m-1', NOW + 2), NOW + 2)).toMatchObject({ ok: true });
  });

  it('lets exactly one of two racing checks of the same code through', async () => {
    name = `signed-${crypto.randomUUID()}`;
    const db = await open();
    await seed(db);
    const raw = await code('m-1');
    const results = await Promise.all([checkSignedCode(db, raw, NOW), checkSignedCode(db, raw, NOW)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'replayed' }]);
  });

  it('refuses a member without that key, and one this tablet does not have', async () => {
    name = `signed-${crypto.randomUUID()}`;
    const db = await open();
    await seed(db);
    expect(await checkSignedCode(db, await code('m-nokey'), NOW)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(await checkSignedCode(db, await code('m-absent'), NOW)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it("finds the survivor with a merged member's phone code", async () => {
    name = `signed-${crypto.randomUUID()}`;
    const db = await open();
    await seed(db);
    expect(await checkSignedCode(db, await code('m-old'), NOW)).toMatchObject({ ok: true, member: { id: 'm-new' } });
  });

  it('forgets nonces once their codes are past expiry (the store does not grow forever)', async () => {
    name = `signed-${crypto.randomUUID()}`;
    const db = await open();
    await seed(db);
    await checkSignedCode(db, await code('m-1'), NOW);
    const later = NOW + MAX_CODE_LIFETIME_S + CLOCK_SKEW_S + 1;
    await checkSignedCode(db, await code('m-1', later), later);
    const stored = await db.getLocal<{ nonces: Record<string, number> }>('seen-card-nonces');
    expect(Object.keys(stored?.toJSON().data.nonces ?? {})).toHaveLength(1);
  });
});
