import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as DatabaseModule from '../../src/db/database.ts';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { findMemberByNo } from '../../src/db/members.ts';
import { classifyScan } from '../../src/domain/member-qr.ts';
import { mergeSchema, type Checkpoint, type Member } from '../../src/protocol/index.ts';
import { replicateCollection, type ReplicationReporter } from '../../src/sync/replicate-collection.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';
import { ENROLMENT_CODE } from '../server/helpers/harness.ts';
import { seedTestApprover, TEST_APPROVAL } from '../server/helpers/staff.ts';
import { MEMBER_1, MEMBER_2 } from '../server/helpers/fixture.ts';
import { asTablet } from './support/active-tablet.ts';
import { openLedgerServer, type LedgerServer } from './support/ledger-server.ts';

// The app's lookups read getDatabase(): here, the tablet database of this test.
vi.mock('../../src/db/database.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof DatabaseModule>();
  const { activeDatabase } = await import('./support/active-tablet.ts');
  return { ...actual, getDatabase: activeDatabase };
});

/**
 * 名寄せ reaches the tablet: a real tablet database replicates members from
 * the in-process server over HTTP; HQ merges on the server; after the next
 * sync the merged member's old number — typed, or scanned from its TNP1 card —
 * finds the survivor. After an undo it finds its own record again.
 */
describe('a merged member on a tablet after sync', () => {
  let server: LedgerServer;
  let db: TenpoDatabase;
  let members: RxReplicationState<Member, Checkpoint>;
  const failures: string[] = [];

  beforeAll(async () => {
    server = await openLedgerServer();
    await seedTestApprover(server.harness);
    db = await openTenpoDatabase({ name: `merged-${crypto.randomUUID()}`, storage: getRxStorageMemory() });
    const enrolment = await createHttpTransport({ baseUrl: server.baseUrl, token: null }).enrol({ code: ENROLMENT_CODE, deviceName: 'merge test' });
    const reporter: ReplicationReporter = {
      pulled: () => undefined,
      pushed: () => undefined,
      failed: (collection, error) => failures.push(`${collection}: ${String(error)}`),
    };
    members = replicateCollection({
      name: 'members',
      collection: db.members,
      transport: createHttpTransport({ baseUrl: server.baseUrl, token: enrolment.token }),
      // No stream here: the test pulls by RESYNC, as the tablet does on every reconnect.
      stream$: new Subject(),
      identifier: `merged-member-test-${enrolment.deviceId}`,
      reporter,
    });
    await members.awaitInitialReplication();
  });
  afterAll(async () => {
    await members.cancel();
    await db.remove();
    await server.close();
  });

  const api = async (url: string, payload?: object) => {
    const res = await server.harness.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${server.apiKey}` },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<unknown>();
  };
  const sync = async () => {
    members.reSync();
    await members.awaitInSync();
  };
  const lookup = (memberNo: string) => asTablet(db, () => findMemberByNo(memberNo));
  const scan = (code: string) => {
    const scanned = classifyScan(code);
    if (scanned.kind !== 'member-static') throw new Error(`not a static member code: ${code}`);
    return lookup(scanned.memberNo);
  };

  it('finds the survivor by the old number and by the old TNP1 card, and the record itself again after undo', async () => {
    expect((await lookup(MEMBER_2.memberNo))?.id).toBe(MEMBER_2.id);

    const merge = mergeSchema.parse(
      await api('/api/v1/merges', { idempotencyKey: 'tablet-merge-0001', survivorNo: MEMBER_1.memberNo, mergedNo: MEMBER_2.memberNo, approval: TEST_APPROVAL }),
    );
    await sync();
    const stored = await db.members.findOne(MEMBER_2.id).exec();
    expect(stored?.mergedInto).toBe(MEMBER_1.id);
    expect((await lookup(MEMBER_2.memberNo))?.id).toBe(MEMBER_1.id);
    expect((await scan(`TNP1:${MEMBER_2.memberNo}`))?.id).toBe(MEMBER_1.id);
    // The survivor's own number is unchanged.
    expect((await lookup(MEMBER_1.memberNo))?.id).toBe(MEMBER_1.id);

    await api(`/api/v1/merges/${merge.id}/undo`, { approval: TEST_APPROVAL });
    await sync();
    expect((await db.members.findOne(MEMBER_2.id).exec())?.mergedInto).toBe('');
    expect((await scan(`TNP1:${MEMBER_2.memberNo}`))?.id).toBe(MEMBER_2.id);
    expect(failures).toEqual([]);
  });
});
