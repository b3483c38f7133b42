import { earnPoints, redeemPoints, returnEarn, type PointsFailure, type PointsResult } from '../../../src/db/index.ts';
import type { Member, PointEntry } from '../../../src/protocol/index.ts';
import { samePosted, type EcClient, type EcResult } from './ec-client.ts';
import type { FaultyNetwork } from './faulty-network.ts';
import type { LedgerAction } from './ledger-scenario.ts';
import type { SimTablet } from './sim-tablet.ts';
import type { TestClock } from './test-clock.ts';

/** An entry as its writer made it: all of it for a tablet's, what the request said for the EC site's. */
export type ExpectedEntry = Pick<PointEntry, 'id' | 'memberId' | 'type' | 'points'> & Partial<PointEntry>;

/**
 * What the scenario expects the server to end up with: every entry a named
 * operation reported as written, or the API reported as posted, by id, in the
 * order they were made.
 */
export interface LedgerModel {
  created: Map<string, ExpectedEntry>;
  /** What the EC site was told for each of its keys. */
  ecTold: Map<string, EcResult>;
  /** Operations refused at the counter or by the API (over the limit…): no entry. */
  refused: number;
  /** Answers no correct system gives: a counter operation failing for no business reason, a wrong API answer. */
  failures: string[];
}

export interface ActionContext {
  tablets: readonly SimTablet[];
  members: readonly Member[];
  network: FaultyNetwork;
  clock: TestClock;
  ec: EcClient;
  model: LedgerModel;
  story: string[];
  /** Unique per run, for EC order numbers. */
  runId: string;
}

/** Does one scenario step the way the clerk, the EC site or the network would. */
export function createActionRunner(ctx: ActionContext): (action: LedgerAction) => Promise<void> {
  const { tablets, members, network, clock, ec, model, story } = ctx;
  let ecOrders = 0;

  const tabletAt = (index: number): SimTablet => pick(tablets, index, 'tablets');
  const memberAt = (index: number): Member => pick(members, index, 'members');

  function record(tablet: SimTablet, what: string, result: PointsResult, refusable: readonly PointsFailure[]): void {
    if (result.ok) {
      model.created.set(result.entry.id, result.entry);
      story.push(`${tablet.name} ${what} → ${short(result.entry.id)}`);
    } else if (refusable.includes(result.reason)) {
      model.refused += 1;
      story.push(`${tablet.name} ${what} → refused (${result.reason}${result.limit ? `, limit ${result.limit.limit}` : ''})`);
    } else {
      model.failures.push(`${tablet.name} ${what}: ${result.reason}`);
      story.push(`${tablet.name} ${what} → FAILED (${result.reason})`);
    }
  }

  /** The `pick`-th earn this tablet holds, in the order earns were written (ids are random; this order is not). */
  async function earnSeenBy(tablet: SimTablet, index: number): Promise<ExpectedEntry | null> {
    const held = new Set((await tablet.db.point_entries.find({ selector: { type: 'earn' } }).exec()).map((doc) => doc.id));
    const earns = [...model.created.values()].filter((entry) => held.has(entry.id));
    return earns.length === 0 ? null : (earns[index % earns.length] ?? null);
  }

  async function postEc(action: Extract<LedgerAction, { kind: 'ec' }>): Promise<void> {
    const member = memberAt(action.member);
    ecOrders += 1;
    const ref = `EC-${ctx.runId}-${ecOrders}`;
    const amountYen = action.type === 'earn' ? action.points * 100 : 0;
    const posted = await ec.post(
      { memberNo: member.memberNo, type: action.type, points: action.points, channel: 'ec', ref, ...(amountYen > 0 ? { amountYen } : {}) },
      action.fault,
    );
    const what = `EC ${action.type} ${action.points} for ${short(member.id)} (${action.fault})`;
    model.ecTold.set(posted.key, posted.result);
    if (posted.result.kind === 'posted') {
      model.created.set(posted.key, { id: posted.key, memberId: member.id, type: action.type, points: action.points, amountYen, channel: 'ec', ref });
      story.push(`${what} → ${short(posted.key)}`);
    } else if (posted.result.kind === 'refused') {
      model.refused += 1;
      story.push(`${what} → refused (${posted.result.reason})`);
    } else {
      model.failures.push(`${what}: ${posted.result.problem}`);
      story.push(`${what} → WRONG`);
    }
    if (posted.other) checkLateEcAnswer(ctx, posted.key, posted.other);
  }

  return async (action) => {
    switch (action.kind) {
      case 'earn': {
        const tablet = tabletAt(action.tablet);
        const memberId = memberAt(action.member).id;
        const result = await tablet.run(() => earnPoints({ memberId, amountYen: action.amountYen }));
        // no-points: the policy's rate can make a small purchase earn nothing.
        record(tablet, `earn ${action.amountYen} yen for ${short(memberId)}`, result, ['no-points']);
        return;
      }
      case 'redeem': {
        const tablet = tabletAt(action.tablet);
        const memberId = memberAt(action.member).id;
        // The counter tells the operation whether the tablet can reach the server (offline caps apply).
        const offline = !network.isOnline(tablet.name);
        const result = await tablet.run(() => redeemPoints({ memberId, points: action.points, offline }));
        record(tablet, `redeem ${action.points}${offline ? ' offline' : ''} for ${short(memberId)}`, result, ['over-limit']);
        return;
      }
      case 'return': {
        const tablet = tabletAt(action.tablet);
        const earn = await earnSeenBy(tablet, action.pick);
        if (!earn) {
          story.push(`${tablet.name} return #${action.pick} → no purchase to return yet`);
          return;
        }
        const part = action.returnedYen === 0 ? {} : { returnedAmountYen: action.returnedYen };
        const result = await tablet.run(() => returnEarn({ memberId: earn.memberId, earnId: earn.id, ...part }));
        const what = `return ${action.returnedYen === 0 ? 'all' : `${action.returnedYen} yen`} of ${short(earn.id)}`;
        record(tablet, what, result, ['over-returned', 'nothing-to-return']);
        return;
      }
      case 'ec':
        return postEc(action);
      case 'offline':
        story.push(`${tabletAt(action.tablet).name} offline`);
        tabletAt(action.tablet).goOffline();
        return;
      case 'online':
        story.push(`${tabletAt(action.tablet).name} online`);
        return tabletAt(action.tablet).goOnline();
      case 'restart':
        story.push(`${tabletAt(action.tablet).name} restart`);
        return tabletAt(action.tablet).restart();
      case 'stream-blip':
        story.push(`${tabletAt(action.tablet).name} stream blip`);
        return tabletAt(action.tablet).streamBlip();
      case 'fault':
        story.push(`${tabletAt(action.tablet).name} next push: ${action.fault}`);
        network.arm(tabletAt(action.tablet).name, action.fault);
        return;
      case 'deliver':
        story.push(`deliver held #${action.pick}`);
        return network.deliver(action.pick);
      case 'tick':
        story.push(`tick ${action.ms} ms`);
        clock.advance(action.ms);
        return;
    }
  };
}

/**
 * A copy of an EC request answered after the client had its answer must tell
 * the same story: the same posted entry, or — for a key the EC site was told
 * was refused — no posting at all (else the member pays points for an order
 * that got none).
 */
export function checkLateEcAnswer(ctx: Pick<ActionContext, 'model' | 'story'>, key: string, late: EcResult): void {
  const told = ctx.model.ecTold.get(key);
  const what = `EC key ${short(key)}`;
  if (late.kind === 'wrong') ctx.model.failures.push(`${what}: a late copy ${late.problem}`);
  else if (!told) ctx.model.failures.push(`${what}: a late copy was answered before the client had its answer`);
  else if (told.kind === 'posted' && !samePosted(told, late)) {
    ctx.model.failures.push(`${what}: posted, then a late copy answered ${JSON.stringify(late)}`);
  } else if (told.kind === 'refused' && late.kind === 'posted') {
    ctx.model.failures.push(
      `${what}: the EC site was told ${told.reason}, then a delayed copy of the same request posted it ` +
        `(postingNo ${late.entry.postingNo}): the member pays points for an order that got none`,
    );
  }
  ctx.story.push(`${what}: late copy ${late.kind}`);
}

function pick<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

function short(id: string): string {
  return id.slice(0, 8);
}
