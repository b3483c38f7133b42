import fc from 'fast-check';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import type * as DatabaseModule from '../../src/db/database.ts';
import { ledgerViolations } from './support/ledger-invariants.ts';
import { ledgerScenarioArbitrary, type LedgerAction, type LedgerScenario } from './support/ledger-scenario.ts';
import { openLedgerServer, type LedgerServer } from './support/ledger-server.ts';
import { openLedgerWorld } from './support/ledger-world.ts';

// The tablet app's one database per page (getDatabase) becomes "the tablet
// whose operation is running" (see support/active-tablet.ts); everything else
// in src/db — earnPoints, redeemPoints, their checks and writes — is the real code.
vi.mock('../../src/db/database.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof DatabaseModule>();
  const { activeDatabase } = await import('./support/active-tablet.ts');
  return { ...actual, getDatabase: activeDatabase };
});

/**
 * Several tablets earn, redeem and return at random, go offline and online,
 * reload; the EC site posts through /api/v1; the network drops, duplicates,
 * delays and reorders their requests. Afterwards every entry is posted exactly
 * once, nothing is lost, every tablet holds what the server has and shows
 * nothing pending, and every balance is the sum of its member's entries
 * (DESIGN.md "Points", STYLE.md 6; the full list is support/ledger-invariants.ts).
 * The server, the tablets' databases, replication, the stream feed and the
 * named operations are the real ones; only the network and the retry clock
 * are simulated (support/).
 *
 * Fixed seed in CI. To explore: LEDGER_SEED=<n> LEDGER_RUNS=<n>; to replay a
 * failure: LEDGER_SEED=<seed> LEDGER_PATH=<path> (both printed by fast-check);
 * LEDGER_VERBOSE=1 prints each run's story. A scenario that fails goes into
 * "regression seeds" below, as shrunk.
 */
const SEED = Number(process.env.LEDGER_SEED ?? 20_260_302);
const NUM_RUNS = Number(process.env.LEDGER_RUNS ?? 40);
const PATH = process.env.LEDGER_PATH;
const VERBOSE = Boolean(process.env.LEDGER_VERBOSE);
const MAX_ACTIONS = 60;
/** Shrinking a 60-step day takes hundreds of runs; after this, fast-check reports the smallest failure so far. */
const TIME_BUDGET_MS = 90_000;
/** RxDB's free build allows 13 open collections per process (COL23); a simulated tablet opens 4 (support/sim-tablet.ts). */
const MAX_TABLETS = 2;

/** Every member starts the day with points to spend (T0, online, before any fault). */
const OPENING: LedgerAction[] = [0, 1].map((member) => ({ kind: 'earn', tablet: 0, member, amountYen: 20_000 }));

let server: LedgerServer;
beforeAll(async () => {
  server = await openLedgerServer();
});
afterAll(async () => {
  await server.close();
});

/**
 * The run in progress. When the time budget is up fast-check stops waiting
 * for it but does not stop it: it must finish (and close its tablets' databases)
 * before the next test opens more, or the next test fails with COL23.
 */
let running: Promise<void> = Promise.resolve();

function runScenario(scenario: LedgerScenario): Promise<void> {
  const run = runOneScenario(scenario);
  running = run.catch(() => undefined);
  return run;
}

async function runOneScenario(scenario: LedgerScenario): Promise<void> {
  const started = performance.now();
  const world = await openLedgerWorld({ server, tablets: scenario.tablets });
  try {
    try {
      for (const action of [...OPENING, ...scenario.actions]) await world.apply(action);
      await world.converge(scenario.flushOrder);
    } catch (error) {
      // A stuck simulation says nothing by itself: the story is the diagnosis.
      throw new Error(`${String(error)}\n\nwhat happened:\n${world.story()}`, { cause: error });
    }
    const violations = await ledgerViolations(world);
    if (VERBOSE) {
      const { created, refused } = world.model;
      console.log(`${scenario.actions.length} actions, ${created.size} entries, ${refused} refused, ${Math.round(performance.now() - started)} ms\n${world.story()}`);
    }
    if (violations.length > 0) {
      throw new Error(`${violations.length} ledger violations:\n${violations.join('\n')}\n\nwhat happened:\n${world.story()}`);
    }
  } finally {
    await world.close();
  }
}

describe('ledger convergence under a faulty network (property)', () => {
  it('posts every entry exactly once and every tablet converges to the server', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerScenarioArbitrary({ maxActions: MAX_ACTIONS, maxTablets: MAX_TABLETS }), runScenario),
      { seed: SEED, numRuns: NUM_RUNS, verbose: 1, interruptAfterTimeLimit: TIME_BUDGET_MS, ...(PATH === undefined ? {} : { path: PATH }) },
    );
    await running;
  }, TIME_BUDGET_MS + 120_000);
});

/**
 * Scenarios that once failed, kept as they were shrunk (the generator may
 * change; these stay what they were). Each says what it caught.
 */
describe('regression seeds', () => {
  // Seed 20260302 (first runs of this test): a tablet back online retries its
  // offline push while its stream reconnects; the stream's copy of the pushed
  // entry arrived before the resync the gate holds until idle, moved the
  // checkpoint past what was posted while it was away, and T0 never pulled
  // T1's return. Fixed in src/sync/collection-feed.ts (batches wait for the resync).
  it('stream batch overtakes the deferred resync after reconnect (return)', async () => {
    await runScenario({
      tablets: 2,
      actions: [
        { kind: 'offline', tablet: 0 },
        { kind: 'return', tablet: 1, pick: 0, returnedYen: 1 },
        { kind: 'redeem', tablet: 0, member: 0, points: 1 },
      ],
      flushOrder: [],
    });
  });

  // The same gap, reduced by hand to earns only: T1's earn while T0 was offline never reached T0.
  it('stream batch overtakes the deferred resync after reconnect (earn)', async () => {
    await runScenario({
      tablets: 2,
      actions: [
        { kind: 'offline', tablet: 0 },
        { kind: 'earn', tablet: 1, member: 1, amountYen: 1_000 },
        { kind: 'earn', tablet: 0, member: 0, amountYen: 1_000 },
      ],
      flushOrder: [],
    });
  });

  // LEDGER_SEED=201 (reduced by hand): the EC site's redemption is held in the
  // network, its retry is refused (insufficient-points) and the order goes on
  // without points; after an earn, the held copy arrives and is posted: the
  // member pays points for nothing. A refused key is not remembered
  // (server/services/ec-points.ts).
  it('a delayed copy of a refused EC redemption is not posted later', async () => {
    await runScenario({
      tablets: 2,
      actions: [
        { kind: 'redeem', tablet: 0, member: 1, points: 150 },
        { kind: 'ec', type: 'redeem', member: 1, points: 100, fault: 'ghost' },
        { kind: 'ec', type: 'earn', member: 1, points: 100, fault: 'none' },
        { kind: 'deliver', pick: 0 },
      ],
      flushOrder: [],
    });
  });
});
