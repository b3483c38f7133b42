import type { Member } from '../../../src/protocol/index.ts';
import { RETRY_TIME_MS } from '../../../src/sync/replicate-collection.ts';
import { deviceByToken } from '../../../server/services/devices.ts';
import { createMember } from '../../../server/services/ec-members.ts';
import { SHOP_A } from '../../server/helpers/fixture.ts';
import { ENROLMENT_CODE } from '../../server/helpers/harness.ts';
import { createEcClient } from './ec-client.ts';
import { createFaultyNetwork, type FaultyNetwork } from './faulty-network.ts';
import { checkLateEcAnswer, createActionRunner, type LedgerModel } from './ledger-actions.ts';
import type { LedgerAction } from './ledger-scenario.ts';
import type { LedgerServer } from './ledger-server.ts';
import { openSimTablet, type SimTablet } from './sim-tablet.ts';
import { createTestClock, type TestClock } from './test-clock.ts';

/** Members of one run: the scenario's member indexes pick from these. */
const MEMBERS_PER_RUN = 2;

/** Settling polls this many times at most before calling the simulation stuck. */
const SETTLE_ROUNDS = 5_000;
// Generous: on a loaded 2-core machine a busy run can stall for seconds; a real hang still fails.
const SYNC_TIMEOUT_MS = 45_000;

export interface LedgerWorld {
  readonly server: LedgerServer;
  /** This run's members, made fresh on the server: only their ledgers are this run's to check. */
  readonly members: readonly Member[];
  readonly tablets: readonly SimTablet[];
  readonly network: FaultyNetwork;
  readonly clock: TestClock;
  readonly model: LedgerModel;
  apply(action: LedgerAction): Promise<void>;
  /** Waits until every replication is idle or blocked on something only the scenario releases. */
  settle(): Promise<void>;
  /** Everyone online, the network flushed in `flushOrder`, retries fired, every replication in sync. */
  converge(flushOrder: readonly number[]): Promise<void>;
  /** The actions applied and what the network did, for a failure report. */
  story(): string;
  /** Closes this run's tablets (the server stays for the next run). */
  close(): Promise<void>;
}

let worldCount = 0;

export interface LedgerWorldOptions {
  server: LedgerServer;
  tablets: number;
}

export async function openLedgerWorld(options: LedgerWorldOptions): Promise<LedgerWorld> {
  const { server } = options;
  const { sql, notifier, hub } = server.harness;
  worldCount += 1;
  const runId = `${process.pid}-${worldCount}-${Math.random().toString(36).slice(2, 8)}`;
  const clock = createTestClock(0);
  const tablets: SimTablet[] = [];
  const network = createFaultyNetwork();
  const model: LedgerModel = { created: new Map(), ecTold: new Map(), refused: 0, failures: [] };
  const story: string[] = [];
  const members: Member[] = [];

  try {
    for (let i = 0; i < MEMBERS_PER_RUN; i++) {
      const made = await createMember({ sql, notifier }, { name: `会員 ${worldCount}-${i}`, nameKana: `カイイン` });
      // Members of the shop whose tablets are simulated: a tablet holds only its shop's members (issue 6).
      await sql.query('update members set home_shop_id = $1 where id = $2', [SHOP_A, made.member.id]);
      members.push({ ...made.member, homeShopId: SHOP_A });
    }
    for (let i = 0; i < options.tablets; i++) {
      tablets.push(
        await openSimTablet({
          name: `T${i}`,
          baseUrl: server.baseUrl,
          enrolmentCode: ENROLMENT_CODE,
          hub,
          deviceOf: async (token) => {
            const device = await deviceByToken(sql, token);
            if (!device) throw new Error('enrolled device not found');
            return device;
          },
          network,
          clock,
          databaseName: `ledger-${runId}-t${i}`,
        }),
      );
    }
    // A tablet is put at the counter after its first sync: members are there.
    await Promise.all(tablets.map((tablet) => withTimeout(tablet.awaitInSync(), SYNC_TIMEOUT_MS, `${tablet.name} first sync`)));
  } catch (error) {
    await closeAll(tablets);
    throw error;
  }

  const ec = createEcClient({
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    network,
    onLateAnswer: (key, late) => checkLateEcAnswer({ model, story }, key, late),
  });
  const run = createActionRunner({ tablets, members, network, clock, ec, model, story, runId: String(worldCount) });

  async function settle(): Promise<void> {
    let calm = 0;
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      await hub.idle();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const quiet = network.inFlight() === 0 && tablets.every((tablet) => tablet.quiet());
      calm = quiet ? calm + 1 : 0;
      // Quiet three polls in a row, macrotasks apart: no replication picked up new work in between.
      if (calm >= 3) return;
    }
    throw new Error('the simulation did not settle');
  }

  async function apply(action: LedgerAction): Promise<void> {
    const started = performance.now();
    try {
      await run(action);
      await settle();
    } finally {
      if (process.env.LEDGER_VERBOSE) story.push(`   (${action.kind} ${Math.round(performance.now() - started)} ms)`);
    }
  }

  async function converge(flushOrder: readonly number[]): Promise<void> {
    story.push('— converge: everyone online, network flushed —');
    for (const tablet of tablets) await tablet.goOnline();
    let flushed = 0;
    for (let round = 0; round < 200; round++) {
      await settle();
      if (network.heldCount() > 0) {
        const pick = flushOrder.length > 0 ? (flushOrder[flushed % flushOrder.length] ?? 0) : 0;
        flushed += 1;
        story.push(`deliver held #${pick}`);
        await network.deliver(pick);
        continue;
      }
      if (clock.pending(() => true) > 0) {
        // Failed requests wait for RxDB's retry timer: let it fire.
        clock.advance(RETRY_TIME_MS);
        continue;
      }
      // A replication may pick up work after settle() saw it quiet (a retry right after a
      // failure): that request can be held or wait on the test clock, which only this
      // loop moves. Waiting for awaitInSync alone would then wait for ever; go round again.
      const moreWork = whenTrue(() => network.heldCount() > 0 || clock.pending(() => true) > 0);
      const outcome = await withTimeout(
        Promise.race([
          Promise.all(tablets.map((tablet) => tablet.awaitInSync())).then(() => 'in-sync' as const),
          moreWork.promise.then(() => 'more-work' as const),
        ]),
        SYNC_TIMEOUT_MS,
        'awaitInSync',
      ).finally(moreWork.stop);
      if (outcome === 'more-work') continue;
      await settle();
      if (network.heldCount() === 0 && clock.pending(() => true) === 0) return;
    }
    throw new Error('the network did not drain');
  }

  return {
    server,
    members,
    tablets,
    network,
    clock,
    model,
    apply,
    settle,
    converge,
    story() {
      return [...story, '— network —', ...network.trace, '— tablets —', ...tablets.map((tablet) => tablet.describe())].join('\n');
    },
    close: () => closeAll(tablets),
  };
}

async function closeAll(tablets: readonly SimTablet[]): Promise<void> {
  const results = await Promise.allSettled(tablets.map((tablet) => tablet.close()));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves once `condition` holds, checked once per macrotask until stopped.
 * Polling, not a sleep: the simulation's own state (held requests, timers on
 * the test clock) has no event to wait on.
 */
function whenTrue(condition: () => boolean): { promise: Promise<void>; stop: () => void } {
  let stopped = false;
  const promise = new Promise<void>((resolve) => {
    const check = (): void => {
      if (stopped) return;
      if (condition()) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
  return {
    promise,
    stop: () => {
      stopped = true;
    },
  };
}
