import { openHarness, type Harness } from '../../server/helpers/harness.ts';

/**
 * The real server for the whole file: app, services, fan-out, on the test
 * store (in-memory PGlite, or PostgreSQL with TEST_DATABASE_URL), listening on
 * a free loopback port so the tablets' real HTTP transport talks to it.
 * Opened once, not per run: a fresh store costs ~2 s; each run gets its own
 * members and devices instead, and checks only its own members' ledgers.
 */
/** A valid /api/v1 key for the simulated EC site (TENPO_API_KEY). */
export const LEDGER_API_KEY = 'ledger-simulation-ec-key';

export interface LedgerServer {
  harness: Harness;
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

export async function openLedgerServer(): Promise<LedgerServer> {
  const harness = await openHarness({ apiKey: LEDGER_API_KEY });
  try {
    await harness.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await harness.close();
    throw error;
  }
  const address = harness.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { harness, baseUrl: `http://127.0.0.1:${port}`, apiKey: LEDGER_API_KEY, close: () => harness.close() };
}
