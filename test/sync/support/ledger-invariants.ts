import type { RxCollection } from 'rxdb';
import { fieldsOf } from '../../../src/db/index.ts';
import { shownBalance } from '../../../src/domain/balance.ts';
import { signedPoints, type LedgerEntry } from '../../../src/domain/ledger/index.ts';
import type { CollectionName, PointAccount, PointEntry } from '../../../src/protocol/index.ts';
import { canonical } from './canonical.ts';
import type { LedgerWorld } from './ledger-world.ts';
import type { SimTablet } from './sim-tablet.ts';

type Doc = Record<string, unknown>;

/** Fields the server decides; the rest of an entry is the writer's and must arrive unchanged. */
const SERVER_FIELDS = new Set(['postingNo', 'postedAt', 'at', 'flags', 'repaid']);

/**
 * Everything that must hold once the network has been flushed and every
 * replication is in sync. Returns the violations (empty when the ledger is
 * right), each one line a person can act on.
 */
export async function ledgerViolations(world: LedgerWorld): Promise<string[]> {
  const problems: string[] = [];
  const { model } = world;
  problems.push(...model.failures.map((failure) => `unexpected answer: ${failure}`));
  for (const tablet of world.tablets) problems.push(...tablet.unexpected.map((error) => `replication error: ${error}`));

  // The whole collections (a tablet must hold all of them), and this run's part of them.
  const allEntries = (await serverDocuments(world, 'point_entries')) as (PointEntry & { _deleted?: boolean })[];
  const allAccounts = (await serverDocuments(world, 'point_accounts')) as (PointAccount & { _deleted?: boolean })[];
  const memberIds = world.members.map((member) => member.id);
  const ours = new Set(memberIds);
  const entries = allEntries.filter((entry) => ours.has(entry.memberId));
  const accounts = allAccounts.filter((account) => ours.has(account.memberId));

  // Exactly once, nothing lost, nothing invented.
  const byId = new Map<string, PointEntry>();
  for (const entry of entries) {
    if (byId.has(entry.id)) problems.push(`entry ${entry.id} is on the server twice`);
    byId.set(entry.id, entry);
    if (entry._deleted) problems.push(`entry ${entry.id} is deleted on the server (the ledger is append-only)`);
    if (!model.created.has(entry.id)) problems.push(`entry ${entry.id} on the server was never written by a tablet or posted for the EC site`);
  }
  for (const [id, written] of model.created) {
    const posted = byId.get(id);
    if (!posted) {
      problems.push(`entry ${id} (${written.type} ${written.points} by ${written.deviceId?.slice(0, 8) ?? 'the EC site'}) was lost: not on the server`);
      continue;
    }
    for (const [field, value] of Object.entries(written)) {
      if (SERVER_FIELDS.has(field) || value === undefined) continue;
      const stored = (posted as Doc)[field];
      const same = field === 'createdAt' ? Date.parse(String(stored)) === Date.parse(String(value)) : canonical(stored) === canonical(value);
      if (!same) problems.push(`entry ${id}: ${field} written as ${canonical(value)}, posted as ${canonical(stored)}`);
    }
  }

  // Posting numbers: one per entry, never shared (across the whole ledger).
  const postingNos = new Map<number, string>();
  for (const entry of allEntries) {
    const no = entry.postingNo;
    if (no === undefined || !Number.isInteger(no) || no <= 0) {
      problems.push(`entry ${entry.id} has no valid posting number (${String(no)})`);
      continue;
    }
    const other = postingNos.get(no);
    if (other) problems.push(`posting number ${no} is shared by ${other} and ${entry.id}`);
    postingNos.set(no, entry.id);
  }

  // Every balance is the sum of its member's entries.
  const accountOf = new Map(accounts.map((account) => [account.memberId, account]));
  for (const memberId of memberIds) {
    const mine = entries.filter((entry) => entry.memberId === memberId && !entry._deleted);
    const sum = mine.reduce((total, entry) => total + signedPoints(entry as unknown as LedgerEntry), 0);
    const account = accountOf.get(memberId);
    if (!account) {
      if (mine.length > 0) problems.push(`${memberId} has ${mine.length} entries but no account`);
      continue;
    }
    if (account.balance !== sum) problems.push(`${memberId}: balance ${account.balance}, but the entries sum to ${sum}`);
    problems.push(...projectionViolations(memberId, account, mine));
    const through = Math.max(0, ...mine.map((entry) => entry.postingNo ?? 0));
    if (account.postedThrough !== through) {
      problems.push(`${memberId}: postedThrough ${account.postedThrough}, but the newest entry is ${through}`);
    }
  }

  // Every tablet sees exactly what the server has, and shows nothing as pending.
  const serverEntries = canonicalById('point_entries', allEntries);
  const serverAccounts = canonicalById('point_accounts', allAccounts);
  for (const tablet of world.tablets) {
    problems.push(...differences(`${tablet.name} point_entries`, await tabletCanonical(tablet, 'point_entries'), serverEntries));
    problems.push(...differences(`${tablet.name} point_accounts`, await tabletCanonical(tablet, 'point_accounts'), serverAccounts));
    for (const memberId of memberIds) {
      const account = (await tablet.db.point_accounts.findOne(memberId).exec())?.toMutableJSON() ?? null;
      const mine = (await tablet.db.point_entries.find({ selector: { memberId } }).exec()).map((doc) => doc.toMutableJSON());
      const shown = shownBalance(account, mine);
      if (shown.pendingCount > 0) problems.push(`${tablet.name} still shows ${shown.pendingCount} pending entries for ${memberId}`);
      const balance = accountOf.get(memberId)?.balance ?? 0;
      if (shown.total !== balance) problems.push(`${tablet.name} shows ${memberId} ${shown.total} points; the server has ${balance}`);
    }
  }
  return problems;
}

/**
 * What the account says beyond the balance must agree with the entries too:
 * the lots less the debt are the balance; the flagged entries it lists are the
 * entries that carry flags; and a redemption that left the member below zero
 * was an overdraft and is flagged as one (posted all the same, never dropped).
 */
function projectionViolations(memberId: string, account: PointAccount, entries: readonly PointEntry[]): string[] {
  const problems: string[] = [];
  const lots = account.lots.reduce((total, lot) => total + lot.points, 0);
  if (lots - account.debt !== account.balance) {
    problems.push(`${memberId}: lots ${lots} − debt ${account.debt} ≠ balance ${account.balance}`);
  }
  const flagged = entries.filter((entry) => (entry.flags ?? []).length > 0).map((entry) => entry.id);
  if (canonical([...flagged].sort()) !== canonical([...account.flaggedEntryIds].sort())) {
    problems.push(`${memberId}: account lists flagged ${canonical(account.flaggedEntryIds)}, entries flagged ${canonical(flagged)}`);
  }
  let running = 0;
  for (const entry of [...entries].sort((a, b) => (a.postingNo ?? 0) - (b.postingNo ?? 0))) {
    running += signedPoints(entry as unknown as LedgerEntry);
    if (entry.type === 'redeem' && running < 0 && !(entry.flags ?? []).includes('overdraft')) {
      problems.push(`${memberId}: redeem ${entry.id} left the balance at ${running} but is not flagged as an overdraft`);
    }
  }
  return problems;
}

/** A collection as the server serves it to a tablet: paged pull from the start. */
async function serverDocuments(world: LedgerWorld, collection: CollectionName): Promise<Doc[]> {
  const documents: Doc[] = [];
  let checkpoint = { seq: 0, id: '' };
  for (;;) {
    const response = await world.server.harness.app.inject({
      url: `/sync/v1/${collection}/pull?seq=${checkpoint.seq}&id=${encodeURIComponent(checkpoint.id)}&limit=5000`,
      headers: world.server.harness.headers,
    });
    if (response.statusCode !== 200) throw new Error(`pull ${collection}: ${response.statusCode} ${response.body}`);
    const page = response.json<{ documents: Doc[]; checkpoint: { seq: number; id: string } | null }>();
    documents.push(...page.documents);
    if (page.documents.length < 5000 || !page.checkpoint) return documents;
    checkpoint = page.checkpoint;
  }
}

async function tabletCanonical(tablet: SimTablet, collection: CollectionName): Promise<Map<string, string>> {
  const rx = (tablet.db.collections as unknown as Record<string, RxCollection<Doc>>)[collection];
  if (!rx) return new Map();
  const docs = await rx.find().exec();
  return canonicalById(collection, docs.map((doc) => doc.toMutableJSON()));
}

/** What a tablet keeps of a document: the fields its schema knows (replicate-collection.ts strips the rest). */
function canonicalById(collection: CollectionName, docs: readonly Doc[]): Map<string, string> {
  const fields = fieldsOf(collection);
  const result = new Map<string, string>();
  for (const doc of docs) {
    if (doc._deleted === true) continue;
    const kept: Doc = {};
    for (const field of fields) if (doc[field] !== undefined) kept[field] = doc[field];
    result.set(String(doc.id), canonical(kept));
  }
  return result;
}

function differences(what: string, actual: Map<string, string>, expected: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [id, doc] of expected) {
    const mine = actual.get(id);
    if (mine === undefined) found.push(`${what}: missing ${id}`);
    else if (mine !== doc) found.push(`${what}: ${id} differs\n    tablet ${mine}\n    server ${doc}`);
  }
  for (const id of actual.keys()) if (!expected.has(id)) found.push(`${what}: ${id} is not on the server`);
  return found;
}
