import type { FastifyInstance } from 'fastify';
import type { EnrolResponse } from '../../../src/protocol/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../src/protocol/index.ts';
import { createStreamHub, type StreamHub } from '../../../server/fanout/hub.ts';
import { createInProcessNotifier } from '../../../server/fanout/notifier.ts';
import { buildApp } from '../../../server/http/app.ts';
import type { SyncServices } from '../../../server/services/sync-push.ts';
import type { Sql } from '../../../server/store/sql.ts';
import { createEnrolmentCode, SHOP_A, seedFixture } from './fixture.ts';
import { openTestStore } from './test-store.ts';

export interface Harness extends SyncServices {
  app: FastifyInstance;
  hub: StreamHub;
  /** A device enrolled at SHOP_A. */
  device: EnrolResponse;
  /** Headers a tablet sends: its token and the protocol version. */
  headers: Record<string, string>;
  enrol(name?: string): Promise<EnrolResponse>;
  close(): Promise<void>;
}

export const ENROLMENT_CODE = 'TEST-AAAA-BBBB';

/**
 * The real server (app, services, fan-out) on a fresh test database with the
 * fixture chain and one enrolled device. `app.inject` where HTTP is not the
 * point; `app.listen` for streams.
 */
export async function openHarness(options: { apiKey?: string; staticDir?: string; heartbeatMs?: number; sql?: Sql } = {}): Promise<Harness> {
  const sql = options.sql ?? (await openTestStore());
  await seedFixture(sql);
  await createEnrolmentCode(sql, SHOP_A, ENROLMENT_CODE);
  const notifier = createInProcessNotifier();
  const hub = createStreamHub({
    sql,
    notifier,
    onError: (error) => {
      throw error;
    },
  });
  await hub.start();
  const app = await buildApp({
    sql,
    notifier,
    hub,
    staticDir: options.staticDir ?? '/nonexistent-tenpo-dist',
    apiKey: options.apiKey,
    heartbeatMs: options.heartbeatMs,
  });

  const enrol = async (name = 'レジ1'): Promise<EnrolResponse> => {
    const res = await app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: ENROLMENT_CODE, deviceName: name } });
    if (res.statusCode !== 200) throw new Error(`enrol failed: ${res.statusCode} ${res.body}`);
    return res.json<EnrolResponse>();
  };
  const device = await enrol();

  return {
    sql,
    notifier,
    app,
    hub,
    device,
    headers: { authorization: `Bearer ${device.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    enrol,
    async close() {
      await app.close();
      await notifier.close();
      await sql.close();
    },
  };
}
