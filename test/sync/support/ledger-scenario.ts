import fc from 'fast-check';
import { EC_FAULTS, type EcFault } from './ec-client.ts';
import { PUSH_FAULTS, type PushFault } from './faulty-network.ts';

/**
 * One step of a simulated day at the counters. Tablets and members are
 * indexes (taken modulo how many exist), so a shrunk or hand-written scenario
 * stays valid whatever the run's size.
 */
export type LedgerAction =
  /** The clerk earns points for a purchase (earnPoints). */
  | { kind: 'earn'; tablet: number; member: number; amountYen: number }
  /** The clerk redeems points (redeemPoints; refused over the balance the tablet sees). */
  | { kind: 'redeem'; tablet: number; member: number; points: number }
  /**
   * The clerk takes back goods bought with an earlier earn this tablet can see
   * (`pick` chooses which, in the order they were written): all of what is left
   * when `returnedYen` is 0, else that many yen (refused when more than is left).
   */
  | { kind: 'return'; tablet: number; pick: number; returnedYen: number }
  /** The EC site posts an earn or a redemption through /api/v1, the network doing `fault` to it. */
  | { kind: 'ec'; type: 'earn' | 'redeem'; member: number; points: number; fault: EcFault }
  | { kind: 'offline'; tablet: number }
  | { kind: 'online'; tablet: number }
  /** The app reloads: in-flight requests are abandoned, the database and its checkpoints stay. */
  | { kind: 'restart'; tablet: number }
  /** The stream connection drops and reconnects (batches in between are lost; `resync` follows). */
  | { kind: 'stream-blip'; tablet: number }
  /** Arms a fault for the tablet's next push. */
  | { kind: 'fault'; tablet: number; fault: PushFault }
  /** One push held in the network reaches the server (`pick` chooses which: reordering). */
  | { kind: 'deliver'; pick: number }
  /** Time passes on the test clock: RxDB's retry timers that are due (3 s after a failure) fire. */
  | { kind: 'tick'; ms: number };

export interface LedgerScenario {
  tablets: number;
  actions: LedgerAction[];
  /** Which held push goes next while the network is flushed at the end (cycled). */
  flushOrder: number[];
}

const tablet = fc.nat({ max: 3 });
const member = fc.nat({ max: 3 });

export const ledgerActionArbitrary: fc.Arbitrary<LedgerAction> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('earn'), tablet, member, amountYen: fc.integer({ min: 100, max: 8_000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('redeem'), tablet, member, points: fc.integer({ min: 1, max: 150 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return'),
      tablet,
      pick: fc.nat({ max: 50 }),
      returnedYen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
    }), },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('ec'),
      type: fc.constantFrom('earn', 'redeem'),
      member,
      points: fc.integer({ min: 1, max: 150 }),
      fault: fc.constantFrom(...EC_FAULTS),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline'), tablet }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('online'), tablet }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stream-blip'), tablet }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart'), tablet }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('fault'), tablet, fault: fc.constantFrom(...PUSH_FAULTS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver'), pick: fc.nat({ max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick'), ms: fc.integer({ min: 500, max: 10_000 }) }) },
);

export function ledgerScenarioArbitrary(options: { maxActions: number; maxTablets: number }): fc.Arbitrary<LedgerScenario> {
  return fc.record({
    tablets: fc.integer({ min: 2, max: options.maxTablets }),
    // size 'max': long days from the first run, not only fast-check's small early cases.
    actions: fc.array(ledgerActionArbitrary, { minLength: 1, maxLength: options.maxActions, size: 'max' }),
    flushOrder: fc.array(fc.nat({ max: 50 }), { maxLength: 8 }),
  });
}
