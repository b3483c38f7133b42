import { z } from 'zod';
import type { CollectionName } from '../../src/protocol/index.ts';
import {
  DEVICE_ENTRY_TYPES,
  memberSchema,
  pointEntryDraftSchema,
  pushBodySchema,
  SYNC_COLLECTIONS,
  TenpoError,
} from '../../src/protocol/index.ts';
import type { ChangeNotifier } from '../fanout/notifier.ts';
import type { Sql } from '../store/sql.ts';
import { pushAuditEvents } from './audit.ts';
import { SYNCED_TABLES, type AnyDocument } from './collections.ts';
import { parseCouponPush, pushCoupons } from './coupon-push.ts';
import type { Device } from './devices.ts';
import { findEntries, postEntries } from './ledger.ts';
import { pushMembers } from './members.ts';
import { pushOrders } from './order-push.ts';
import { linkPaperCards, requirePaperCardEntries } from './paper-cards.ts';
import { pushShopNotes } from './shop-notes.ts';
import { requireApprovedAdjustments } from './staff/adjust-approval.ts';
import { parseEach, parseInput } from './validate.ts';
import { writeTransaction, type WriteContext } from './write-transaction.ts';

export interface SyncServices {
  sql: Sql;
  notifier: ChangeNotifier;
}

const tombstone = { _deleted: z.boolean().default(false) };
// zod drops keys it does not know: server fields a tablet echoes back (postingNo,
// postedAt) and RxDB bookkeeping never reach the database.
const entryRowSchema = pointEntryDraftSchema.extend(tombstone);
const memberRowSchema = memberSchema.extend(tombstone);

/**
 * Applies a push batch (DESIGN.md "Sync protocol") in ONE transaction: either
 * all rows are applied or, on invalid input, none. Returns the current server
 * documents of the rows that conflict ([] when none); for the append-only
 * ledger, of every pushed entry (see pushEntries).
 */
export async function push(
  services: SyncServices,
  collection: CollectionName,
  body: unknown,
  device: Device,
): Promise<AnyDocument[]> {
  const kind = SYNC_COLLECTIONS[collection].kind;
  if (kind === 'read-only') {
    throw new TenpoError('read-only-collection', `${collection} is written by the server only`);
  }
  const rows = parseInput(pushBodySchema, body, 'push body');
  // Nothing to write: do not queue behind the global write lock for it.
  if (rows.length === 0) return [];
  const states = rows.map((row) => row.newDocumentState);

  switch (collection) {
    case 'point_entries': {
      const entries = parseEach(entryRowSchema, states, 'point entries');
      requireDeviceTypes(entries);
      requirePaperCardEntries(entries);
      return writeTransaction(services.sql, services.notifier, async (ctx) => {
        await requireApprovedAdjustments(ctx.tx, entries, device);
        return pushEntries(ctx, entries);
      });
    }
    case 'members': {
      const members = parseEach(memberRowSchema, states, 'members');
      const writes = members.map((next, i) => ({ assumed: rows[i]?.assumedMasterState ?? null, next }));
      const conflicts = await writeTransaction(services.sql, services.notifier, (ctx) => pushMembers(ctx, writes));
      return inDeviceScope(services.sql, 'members', conflicts, device);
    }
    case 'orders':
      return pushOrders(services, states, device);
    case 'audit_events':
      return pushAuditEvents(services, states, device);
    case 'timeline':
      return pushShopNotes(services, states, device);
    case 'coupons': {
      const coupons = parseCouponPush(states);
      return writeTransaction(services.sql, services.notifier, (ctx) => pushCoupons(ctx, coupons, device));
    }
    default:
      throw new TenpoError('read-only-collection', `${collection} cannot be pushed`);
  }
}

/**
 * A conflict answer hands the server's document to the tablet: a read, bound
 * by the same scope as pull. A tablet that pushes the id of another shop's
 * member learns nothing (and, without the stored state to assume, writes nothing).
 */
async function inDeviceScope(sql: Sql, collection: CollectionName, documents: AnyDocument[], device: Device): Promise<AnyDocument[]> {
  if (documents.length === 0) return documents;
  const table = SYNCED_TABLES[collection];
  const scope = await table.loadScope?.(sql, documents);
  return documents.filter((doc) => table.visibleTo(device, doc, scope));
}

type EntryRow = z.output<typeof entryRowSchema>;

// An adjustment too, but only with a manager's approval (requireApprovedAdjustments).
const DEVICE_TYPES: ReadonlySet<string> = new Set([...DEVICE_ENTRY_TYPES, 'adjust']);

/**
 * Expiries, adjustments and transfers are the server's (the expiry job, HQ,
 * merges): a tablet that pushes one is broken or hostile. Refused like any
 * invalid row, naming it, before anything of the batch is written.
 */
function requireDeviceTypes(rows: readonly EntryRow[]): void {
  const bad = rows.flatMap((row, index) =>
    DEVICE_TYPES.has(row.type)
      ? []
      : [{ index, id: row.id, issues: [{ path: 'type', message: `${row.type} entries are posted by the server, not by tablets` }] }],
  );
  if (bad.length > 0) throw new TenpoError('invalid-request', 'invalid point entries', 400, bad);
}

async function pushEntries(ctx: WriteContext, rows: readonly EntryRow[]): Promise<AnyDocument[]> {
  const outcomes = await postEntries(ctx, rows.filter((row) => !row._deleted));
  await linkPaperCards(ctx, outcomes);
  // Every pushed entry comes back as the server now holds it, not only real
  // conflicts: the tablet's copy lacks the posting number, and RxDB's
  // downstream will not overwrite a local document that has an unconfirmed
  // write. When a push response is lost and the stream's copy of the posted
  // entry arrives before the retry, the retry is a duplicate here; answering []
  // would leave the tablet with an unposted draft for ever (shown as pending and
  // counted twice). RxDB's conflict handler adopts the server document, and
  // does nothing where the tablet's copy is already equal.
  const conflicts: AnyDocument[] = outcomes.map((o) => o.entry);

  // The ledger is append-only: a tablet cannot delete a posted entry, so the
  // stored entry comes back as a conflict and the tablet restores it. A deleted
  // entry the server never saw was never posted; there is nothing to answer.
  const deletedIds = rows.filter((row) => row._deleted).map((row) => row.id);
  conflicts.push(...(await findEntries(ctx.tx, deletedIds)));
  return conflicts;
}
