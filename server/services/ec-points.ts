import { expiringWithin } from '../../src/domain/ledger/index.ts';
import type { ApiPointEntry, MemberPoints, PointEntry, PointEntryDraft, PointEntryRequest } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { lotSummary } from './accounts.ts';
import { ecWelcomeBonuses } from './ec-bonus.ts';
import { ecCampaignEarn, sentPointsMatch } from './ec-campaign.ts';
import { findEntries, memberProjection, postEntries } from './ledger.ts';
import { resolveMemberByNo } from './identity/resolve.ts';
import { memberByNo } from './member-queries.ts';
import { isoTime } from './rows.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction } from './write-transaction.ts';

/** The counter shows what expires within this many days; the API shows the same. */
export const EXPIRING_SOON_DAYS = 30;

export type ApiPostResult = { status: 201 | 200; entry: ApiPointEntry };

/**
 * POST /api/v1/point-entries: one earn or redeem from the EC site or an HQ
 * tool, posted through the same ledger as tablet pushes.
 *
 * Everything happens in ONE write transaction, which holds the global write
 * lock: the key lookup, the balance check and the posting. So requests with
 * the same key post once whatever their timing (the later ones find the
 * entry), and redemptions racing for one balance are checked one after the
 * other against a balance that already includes the previous ones: online,
 * a balance never goes below zero. (Offline tablets may overdraw; that is
 * bounded on the tablet and flagged by the ledger, not refused here.)
 */
export async function postApiEntry(services: SyncServices, request: PointEntryRequest): Promise<ApiPostResult> {
  const result = await writeTransaction(services.sql, services.notifier, async (ctx): Promise<ApiPostResult | TenpoError> => {
    const { tx } = ctx;
    // 名寄せ: an old member number posts to the survivor.
    const member = (await resolveMemberByNo(tx, request.memberNo))?.member;
    if (!member) throw new TenpoError('unknown-member', `no member ${request.memberNo}`, 422, { memberNo: request.memberNo });

    const [stored] = await findEntries(tx, [request.idempotencyKey]);
    if (stored) {
      // A retry of a request posted before a merge (名寄せ) names the old record, where the entry stays.
      if (!sameRequest(stored, member.id, request) && !sameRequest(stored, (await memberByNo(tx, request.memberNo))?.id ?? '', request)) {
        throw new TenpoError('idempotency-conflict', `idempotency key ${request.idempotencyKey} was used for another entry`, 409, {
          idempotencyKey: request.idempotencyKey,
        });
      }
      return { status: 200, entry: apiEntry(stored, member.memberNo) };
    }
    const refusal = await findRefusal(tx, request.idempotencyKey);
    if (refusal) {
      if (refusal.request !== requestFingerprint(member.id, request)) {
        throw new TenpoError('idempotency-conflict', `idempotency key ${request.idempotencyKey} was used for another entry`, 409, {
          idempotencyKey: request.idempotencyKey,
        });
      }
      return refusal.error;
    }

    const shopId = request.shopId ?? '';
    if (shopId !== '') await requireLocation(tx, shopId);
    // The database clock: the one every server instance shares, and the one postEntries uses.
    const now = await databaseNow(tx);
    if (request.type === 'redeem') {
      const { available } = await memberProjection(tx, member.id, now);
      if (request.points > available) {
        const refused = new TenpoError('insufficient-points', `only ${available} points can be redeemed now`, 409, {
          available,
          requested: request.points,
        });
        // Returned, not thrown: the refusal must commit so that a delayed copy of this request gets it too.
        await recordRefusal(tx, request.idempotencyKey, requestFingerprint(member.id, request), refused);
        return refused;
      }
    }

    // Issue 10: an EC earn gets the bonus of the campaign running now, recorded on the entry.
    const { points, ...campaign } = await ecCampaignEarn(tx, member.id, request, now);
    const draft: PointEntryDraft = {
      id: request.idempotencyKey,
      memberId: member.id,
      type: request.type,
      points,
      ...campaign,
      amountYen: request.amountYen ?? 0,
      channel: request.channel,
      shopId,
      // Not a tablet: no device, no staff sign-in.
      deviceId: '',
      staffId: '',
      ref: request.ref,
      createdAt: now,
    };
    // Issue 10: a shop member's first EC earn may bring a welcome bonus, posted with it (ec-bonus.ts).
    const bonuses = await ecWelcomeBonuses(tx, member.id, request, now);
    const [outcome] = await postEntries(ctx, [draft, ...bonuses], { now });
    // The key was looked up under the same lock a moment ago: anything but "posted" is a bug.
    if (outcome?.kind !== 'posted') throw new Error(`entry ${draft.id} was not posted (${outcome?.kind ?? 'no outcome'})`);
    return { status: 201, entry: apiEntry(outcome.entry, member.memberNo) };
  });
  if (result instanceof TenpoError) throw result;
  return result;
}

/** The request as stored with a refusal: what makes a later request with the same key "the same". */
function requestFingerprint(memberId: string, request: PointEntryRequest): string {
  return JSON.stringify([memberId, request.type, request.points, request.amountYen ?? 0, request.channel, request.shopId ?? '', request.ref]);
}

async function findRefusal(tx: Queryable, key: string): Promise<{ request: string; error: TenpoError } | null> {
  const { rows } = await tx.query<{ request: unknown; error: { error: string; message: string; details?: unknown } }>(
    'select request, error from api_entry_refusals where idempotency_key = $1',
    [key],
  );
  const row = rows[0];
  if (!row) return null;
  const body = row.error;
  return {
    request: typeof row.request === 'string' ? row.request : JSON.stringify(row.request),
    error: new TenpoError('insufficient-points', body.message, 409, body.details),
  };
}

async function recordRefusal(tx: Queryable, key: string, request: string, error: TenpoError): Promise<void> {
  await tx.query('insert into api_entry_refusals (idempotency_key, request, error) values ($1, to_jsonb($2::text), $3::jsonb)', [
    key,
    request,
    JSON.stringify(error.toBody()),
  ]);
}

/** What the caller sent, compared with what is stored under its key (server fields aside). */
function sameRequest(stored: PointEntry, memberId: string, request: PointEntryRequest): boolean {
  return (
    stored.memberId === memberId &&
    stored.type === request.type &&
    sentPointsMatch(stored, request.points) &&
    stored.amountYen === (request.amountYen ?? 0) &&
    stored.channel === request.channel &&
    stored.shopId === (request.shopId ?? '') &&
    stored.ref === request.ref &&
    // An entry a tablet posted under this id is not the caller's, whatever its content.
    stored.deviceId === ''
  );
}

/** The wire body of a posted entry: built from the stored row only, so a replay gets the same bytes. */
function apiEntry(entry: PointEntry, memberNo: string): ApiPointEntry {
  if ((entry.type !== 'earn' && entry.type !== 'redeem') || entry.postingNo === undefined || !entry.postedAt || !entry.at) {
    throw new Error(`entry ${entry.id} is not a posted earn or redeem`);
  }
  return {
    idempotencyKey: entry.id,
    memberNo,
    type: entry.type,
    points: entry.points,
    amountYen: entry.amountYen,
    channel: entry.channel,
    shopId: entry.shopId,
    ref: entry.ref,
    postingNo: entry.postingNo,
    postedAt: entry.postedAt,
    at: entry.at,
    ...(entry.campaignId === undefined ? {} : { campaignId: entry.campaignId }),
  };
}

async function requireLocation(tx: Queryable, shopId: string): Promise<void> {
  const { rows } = await tx.query('select 1 from locations where id = $1', [shopId]);
  if (rows.length === 0) {
    throw new TenpoError('unprocessable', `no shop ${shopId}`, 422, [{ path: 'shopId', message: `no location "${shopId}"` }]);
  }
}

export async function databaseNow(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ now: unknown }>('select now() as now');
  return isoTime(rows[0]?.now);
}

/**
 * GET /api/v1/members/:memberNo/points: the ledger's projection at `now`
 * (default: the database clock). The rank is the stored account's (it
 * depends on 12 months of spend, refreshed by the daily job).
 */
export async function memberPoints(sql: Queryable, memberNo: string, now?: string): Promise<MemberPoints | null> {
  const member = await memberByNo(sql, memberNo);
  if (!member) return null;
  const at = now ?? (await databaseNow(sql));
  const projection = await memberProjection(sql, member.id, at);
  const { rows } = await sql.query<{ rank: string }>('select rank from point_accounts where member_id = $1', [member.id]);
  const soon = expiringWithin(projection.lots, at, EXPIRING_SOON_DAYS);
  return {
    memberNo,
    balance: projection.balance,
    available: projection.available,
    debt: projection.debt,
    pending: false,
    flagged: projection.flaggedEntryIds.length > 0,
    flaggedEntryIds: [...projection.flaggedEntryIds],
    rank: rows[0]?.rank ?? 'regular',
    expiringSoon: { points: soon.points, byDate: soon.byDate.map((d) => ({ expiresOn: d.expiresOn, points: d.points })) },
    lots: lotSummary(projection),
  };
}
