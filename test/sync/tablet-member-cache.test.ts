import type { AddressInfo } from 'node:net';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { isCachedMember, liveCache } from '../../src/db/member-cache.ts';
import { lookupMembers, lookupMembersOnline } from '../../src/db/members.ts';
import { parseMemberQuery } from '../../src/domain/member-search.ts';
import { DEFAULT_DEVICE_POLICY, type Member } from '../../src/protocol/index.ts';
import { createMemberLookupClient, type OnlineMemberLookup } from '../../src/sync/member-lookup.ts';
import { TransportError } from '../../src/sync/sync-failure.ts';
import { postEntries } from '../../server/services/ledger.ts';
import { writeTransaction } from '../../server/services/write-transaction.ts';
import { earn, MEMBER_1, SHOP_B } from '../server/helpers/fixture.ts';
import { openHarness, type Harness } from '../server/helpers/harness.ts';

/**
 * A tablet of shop A holds only its shop's members. A member of shop B typed
 * at its counter is not on the tablet; online, the server finds them and the
 * tablet caches the answer; offline within memberCacheHours the counter still
 * finds them; after that the cache is purged and the counter can only say
 * "connect to search all members".
 */

const VISITOR: Member = { ...MEMBER_1, id: 'member-visitor', memberNo: '1000000031', name: '天神 三郎', nameKana: 'テンジン サブロウ', kanaKey: 'テンジンサブロウ', phone: '+818055556666', email: '', homeShopId: SHOP_B };
const HOUR_MS = 60 * 60 * 1000;
const offline: OnlineMemberLookup = () => Promise.reject(new TransportError('unreachable', 'no network'));

describe('online member lookup and its cache on the tablet', () => {
  let h: Harness;
  let db: TenpoDatabase;
  let online: OnlineMemberLookup;
  const visit = earn(80, { memberId: VISITOR.id, shopId: SHOP_B });
  const t0 = Date.parse('2026-12-04T10:00:00Z');

  beforeAll(async () => {
    h = await openHarness();
    await h.sql.query(`insert into members (id, member_no, name, name_kana, phone, home_shop_id, updated_at) values ($1, $2, $3, $4, $5, $6, $7)`, [
      VISITOR.id,
      VISITOR.memberNo,
      VISITOR.name,
      VISITOR.nameKana,
      VISITOR.phone,
      VISITOR.homeShopId,
      VISITOR.updatedAt,
    ]);
    await writeTransaction(h.sql, h.notifier, (ctx) => postEntries(ctx, [visit]));
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    online = createMemberLookupClient({ baseUrl, token: h.device.token });
    db = await openTenpoDatabase({ name: `member-cache-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
  });
  afterAll(async () => {
    await db.remove();
    await h.close();
  });

  const byPhone = parseMemberQuery('080-5555-6666');

  it('not on the tablet; online the server finds the member, with account and history, and the tablet caches it', async () => {
    expect(await lookupMembers(byPhone, db, t0)).toEqual([]);
    const outcome = await lookupMembersOnline(byPhone, online, db, t0);
    expect(outcome.kind).toBe('found');
    if (outcome.kind !== 'found') return;
    expect(outcome.matches.map((m) => m.member.id)).toEqual([VISITOR.id]);
    const cached = (await liveCache(db, t0))[VISITOR.id];
    expect(cached?.account?.balance).toBe(80);
    expect(cached?.entries.map((e) => e.id)).toEqual([visit.id]);
    expect(cached?.expiresAt).toBe(new Date(t0 + DEFAULT_DEVICE_POLICY.memberCacheHours * HOUR_MS).toISOString());
  });

  it('offline within memberCacheHours: the counter still finds the member, by any query form', async () => {
    const later = t0 + (DEFAULT_DEVICE_POLICY.memberCacheHours - 1) * HOUR_MS;
    for (const typed of ['080-5555-6666', VISITOR.memberNo, 'てんじん']) {
      expect((await lookupMembers(parseMemberQuery(typed), db, later)).map((m) => m.member.id), typed).toEqual([VISITOR.id]);
    }
    // Known, so an earn for them may be queued offline (point-writes.ts).
    expect(await isCachedMember(db, VISITOR.id, later)).toBe(true);
  });

  it('after the expiry the member is purged; offline the answer is "connect to search", online "found" again', async () => {
    const expired = t0 + (DEFAULT_DEVICE_POLICY.memberCacheHours + 1) * HOUR_MS;
    expect(await lookupMembers(byPhone, db, expired)).toEqual([]);
    expect(await isCachedMember(db, VISITOR.id, expired)).toBe(false);
    // Purged from storage, not merely hidden.
    const stored = (await db.getLocal<{ members: Record<string, unknown> }>('member-cache'))?.toJSON().data;
    expect(Object.keys(stored?.members ?? {})).toEqual([]);
    expect(await lookupMembersOnline(byPhone, offline, db, expired)).toEqual({ kind: 'offline' });
    expect((await lookupMembersOnline(byPhone, online, db, expired)).kind).toBe('found');
  });

  it('nobody anywhere is "none"; a server refusal is not mistaken for offline', async () => {
    expect(await lookupMembersOnline(parseMemberQuery('1999999999'), online, db, t0)).toEqual({ kind: 'none' });
    const revoked = createMemberLookupClient({ baseUrl: `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`, token: 'tnp_revoked' });
    const refused = await lookupMembersOnline(byPhone, revoked, db, t0);
    expect(refused.kind).toBe('refused');
  });
});
