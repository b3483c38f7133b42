import { nonceKeepUntil, nowSeconds, verifySignedMemberCode, type RefusalReason } from '../domain/signed-member-code.ts';
import type { Member } from '../protocol/index.ts';
import { getDatabase, type TenpoDatabase } from './database.ts';
import { resolveSurvivor } from './members.ts';

/** Nonce → unix second until which it must be remembered. */
type SeenNonces = Record<string, number>;

/**
 * A local document, not memory: a reload (or a crash) between two scans of the
 * same screenshot must not forget that the first one was used.
 */
const SEEN_NONCES_KEY = 'seen-card-nonces';

export type SignedCodeVerdict =
  | { ok: true; member: Member; kid: string }
  | { ok: false; reason: RefusalReason | 'storage-error' };

// Verify-then-record is one step: two scans of one code racing through the
// camera and the search box must not both pass.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Checks a scanned or typed TNP2 code offline, with the keys the server
 * replicated onto the member on this tablet, and records its nonce so the same
 * code is refused next time. The member returned is the survivor when 名寄せ
 * has merged the code's member into another.
 */
export async function verifySignedCode(raw: string, now: number = nowSeconds()): Promise<SignedCodeVerdict> {
  return checkSignedCode(await getDatabase(), raw, now);
}

/** verifySignedCode on a given database (exported for tests; the app calls verifySignedCode). */
export function checkSignedCode(db: TenpoDatabase, raw: string, now: number): Promise<SignedCodeVerdict> {
  const run = queue.then(() => verifyAndRecord(db, raw, now));
  queue = run.catch(() => undefined);
  return run;
}

async function verifyAndRecord(db: TenpoDatabase, raw: string, now: number): Promise<SignedCodeVerdict> {
  let named: Member | null = null;
  const seen = await loadSeen(db);
  const result = await verifySignedMemberCode(raw, {
    now,
    keysOf: async (memberId) => {
      const doc = await db.members.findOne(memberId).exec();
      named = doc && !doc.deleted ? doc.toMutableJSON() : null;
      return named?.cardKeys ?? null;
    },
    seen: (nonce) => (seen[nonce] ?? 0) >= now,
  });
  if (!result.ok) return result;
  if (!named) return { ok: false, reason: 'unknown-key' };
  try {
    await saveSeen(db, prune({ ...seen, [result.nonce]: nonceKeepUntil(result.expiresAt) }, now));
  } catch (error) {
    // A code we could not mark as used could be used twice: refuse it rather than risk it.
    console.error('could not record a card code as used', error);
    return { ok: false, reason: 'storage-error' };
  }
  const { member } = await resolveSurvivor(db.members, named);
  return { ok: true, member, kid: result.kid };
}

async function loadSeen(db: TenpoDatabase): Promise<SeenNonces> {
  const doc = await db.getLocal<{ nonces: SeenNonces }>(SEEN_NONCES_KEY);
  const nonces = doc?.toJSON().data.nonces;
  return nonces && typeof nonces === 'object' ? { ...nonces } : {};
}

async function saveSeen(db: TenpoDatabase, nonces: SeenNonces): Promise<void> {
  await db.upsertLocal<{ nonces: SeenNonces }>(SEEN_NONCES_KEY, { nonces });
}

/** A nonce past its code's expiry needs no memory: the code is refused as expired anyway. */
function prune(nonces: SeenNonces, now: number): SeenNonces {
  return Object.fromEntries(Object.entries(nonces).filter(([, until]) => until >= now));
}
