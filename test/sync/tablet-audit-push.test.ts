import type { RxReplicationPullStreamItem } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenpo, type RunningTenpo } from '../../server/start.ts';
import { openTenpoDatabase, type TenpoDatabase } from '../../src/db/index.ts';
import { newId } from '../../src/db/new-id.ts';
import type { AuditEvent, Checkpoint, CollectionName } from '../../src/protocol/index.ts';
import { replicateCollection } from '../../src/sync/replicate-collection.ts';
import { createHttpTransport, type SyncTransport } from '../../src/sync/transport.ts';

/**
 * The audit log's replication on a tablet (memory RxDB) against the real
 * server in this process: an event recorded offline reaches the server after
 * the network returns, exactly once, even when the first successful push's
 * answer is lost on the way back. And the collection is never pulled.
 */

type Network = 'offline' | 'lose-answer' | 'ok';

interface FlakyTransport extends SyncTransport {
  network: Network;
  pushes: number;
  pulls: CollectionName[];
}

/** The real HTTP transport behind a switch: offline fails before sending, lose-answer after the server has written. */
function flaky(inner: SyncTransport): FlakyTransport {
  const transport: FlakyTransport = {
    network: 'ok',
    pushes: 0,
    pulls: [],
    enrol: (request) => inner.enrol(request),
    openStream: (signal) => inner.openStream(signal),
    async pull(collection, checkpoint, limit) {
      transport.pulls.push(collection);
      return inner.pull(collection, checkpoint, limit);
    },
    async push(collection, rows) {
      transport.pushes += 1;
      if (transport.network === 'offline') throw new TypeError('Failed to fetch');
      const answer = await inner.push(collection, rows);
      if (transport.network === 'lose-answer') {
        transport.network = 'ok';
        throw new TypeError('network connection was lost');
      }
      return answer;
    },
  };
  return transport;
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('audit_events replication (push-only)', () => {
  let server: RunningTenpo;
  let db: TenpoDatabase;
  let transport: FlakyTransport;
  let deviceId: string;
  let shopId: string;

  beforeAll(async () => {
    server = await startTenpo({ port: 0, host: '127.0.0.1', demo: { members: 20 }, logger: false, dailyJob: false, rateLimits: false });
    const code = server.enrolmentCode;
    if (!code) throw new Error('the demo server has no enrolment code');
    const enrolment = await createHttpTransport({ baseUrl: server.url, token: null }).enrol({ code, deviceName: 'audit tablet' });
    deviceId = enrolment.deviceId;
    shopId = enrolment.shop.id;
    transport = flaky(createHttpTransport({ baseUrl: server.url, token: enrolment.token }));
    db = await openTenpoDatabase({ name: `audit-${crypto.randomUUID()}`, storage: getRxStorageMemory(), collections: ['audit_events'] });
  });
  afterAll(async () => {
    await db?.remove();
    await server?.close();
  });

  const storedCount = async (id: string): Promise<number> =>
    (await server.store.query<{ n: number }>('select count(*)::int as n from audit_events where id = $1', [id])).rows[0]?.n ?? 0;

  it('pushes an event recorded offline once the network is back, once, and never pulls', async () => {
    const failures: unknown[] = [];
    transport.network = 'offline';
    const replication = replicateCollection<AuditEvent>({
      name: 'audit_events',
      collection: db.audit_events,
      transport,
      stream$: new Subject<RxReplicationPullStreamItem<AuditEvent, Checkpoint>>().asObservable(),
      identifier: `audit-test-${deviceId}`,
      reporter: { pulled: () => undefined, pushed: () => undefined, failed: (_name, error) => failures.push(error) },
    });
    try {
      const event: AuditEvent = {
        id: newId(),
        action: 'member-lookup',
        at: new Date().toISOString(),
        staffId: null,
        deviceId,
        shopId,
        memberId: 'some-member',
        approvedBy: null,
        detail: { via: 'search' },
      };
      await db.audit_events.insert(event);
      await until(() => failures.length > 0, 'a failed push while offline');
      expect(await storedCount(event.id)).toBe(0);

      // Back online, but the first answer is lost: the server has the event, the tablet retries it.
      transport.network = 'lose-answer';
      await until(async () => (await storedCount(event.id)) === 1, 'the event on the server');
      const pushesAfterArrival = transport.pushes;
      await until(() => transport.pushes > pushesAfterArrival, 'the retry of the lost answer');
      await replication.awaitInSync();

      expect(await storedCount(event.id)).toBe(1);
      const { rows } = await server.store.query('select action, device_id, shop_id, member_id, detail from audit_events where id = $1', [event.id]);
      expect(rows).toEqual([{ action: 'member-lookup', device_id: deviceId, shop_id: shopId, member_id: 'some-member', detail: { via: 'search' } }]);
      // The local copy is kept as written.
      expect((await db.audit_events.findOne(event.id).exec())?.toJSON()).toMatchObject({ id: event.id, memberId: 'some-member' });
      expect(transport.pulls).toEqual([]);
    } finally {
      await replication.cancel();
    }
  });
});
