import { filter, firstValueFrom, timeout } from 'rxjs';
import type { Availability, StockSummary } from '../../src/protocol/index.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';
import type { RunningTenpo } from '../../server/start.ts';
import { openNodeTablet } from './node-tablet.ts';
import { median, type BenchRow } from './report.ts';

const RUNS = 30;
const WARM_UP = 3;
const WAIT_MS = 10_000;

/**
 * Issue 5: the time from a stock change at the server (the PUT /api/v1/stock
 * feed) to the summary updating on a connected tablet: a real RxDB database
 * (memory storage) replicating stock_summaries through the tablet's own
 * replication, collection feed and SSE stream code, over HTTP. Baseline: the
 * same PUT's round trip, i.e. the change committed and answered.
 */
export async function benchStockPropagation(server: RunningTenpo): Promise<{ row: BenchRow; note: string }> {
  const { apiKey, enrolmentCode } = server;
  if (!apiKey || !enrolmentCode) throw new Error('the bench server needs the demo chain (API key, enrolment code)');
  const enrolment = await createHttpTransport({ baseUrl: server.url, token: null }).enrol({ code: enrolmentCode, deviceName: 'bench tablet' });
  const tablet = await openNodeTablet(server.url, enrolment.token, 'stock_summaries');
  try {
    // Another shop's stock: what the tablet holds only as a summary.
    const { rows } = await server.store.query<{ jan: string; location_id: string }>(
      `select s.jan, s.location_id from stock s join locations l on l.id = s.location_id
        where s.location_id <> $1 and l.kind = 'store' and not s.deleted order by s.jan limit 1`,
      [enrolment.shop.id],
    );
    const target = rows[0];
    if (!target) throw new Error('the demo chain has no stock at another shop');
    const { jan, location_id: location } = target;
    const reserved = (await api<Availability>(server, apiKey, 'GET', `/api/v1/products/${jan}/availability`)).locations.find((l) => l.location === location)?.reserved ?? 0;

    const committed: number[] = [];
    const propagated: number[] = [];
    for (let run = 0; run < WARM_UP + RUNS; run += 1) {
      const onHand = reserved + 1000 + run;
      const arrived = firstValueFrom(
        tablet.collection.$.pipe(
          filter((event) => {
            const doc = event.documentData as unknown as StockSummary;
            return doc.jan === jan && doc.locations.some((l) => l.locationId === location && l.available === onHand - reserved);
          }),
          timeout(WAIT_MS),
        ),
      );
      const start = performance.now();
      await api(server, apiKey, 'PUT', '/api/v1/stock', [{ jan, location, onHand }]);
      const answered = performance.now();
      await arrived;
      const seen = performance.now();
      // The first changes also wait for the stream's opening resync to settle.
      if (run < WARM_UP) continue;
      committed.push(answered - start);
      propagated.push(seen - start);
    }
    return {
      row: {
        name: 'stock change to summary on a connected tablet (PUT /api/v1/stock → RxDB over SSE, PGlite)',
        value: median(propagated),
        baselineName: 'the PUT committed and answered',
        baseline: median(committed),
        unit: 'ms',
        better: 'lower',
        runs: RUNS,
        target: '',
        met: null,
      },
      note: `Stock propagation: one tablet (RxDB memory storage, stock_summaries replicated over the real SSE stream) of shop ${enrolment.shop.id}, changes at ${location}; slowest of ${RUNS}: ${Math.max(...propagated).toFixed(1)} ms.`,
    };
  } finally {
    await tablet.close();
  }
}

async function api<T = unknown>(server: RunningTenpo, apiKey: string, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
