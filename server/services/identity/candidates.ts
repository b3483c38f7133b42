import { normaliseEmail } from '../../../src/domain/identity/email.ts';
import { foldKana } from '../../../src/domain/identity/kana.ts';
import { matchBand } from '../../../src/domain/identity/match-band.ts';
import type { CandidatesQuery, IdentityCandidate } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { mergeableIdentities, type IdentityRow } from './identities.ts';

/**
 * A block larger than this is a shared value, not a person (a shop's own phone
 * typed for walk-ins, a household address): comparing all its pairs would cost
 * n² and propose nonsense. Such blocks are skipped; the other keys still apply.
 */
const MAX_BLOCK = 200;

/**
 * The keys a pair must share to land in any band other than ignore: auto-link
 * needs the same phone, e-mail or LINE id; review needs the same folded kana
 * and birthdate. Comparing only members that share a key (blocking) makes
 * 10,000 members a few thousand comparisons instead of 50 million.
 */
function blockKeys({ identity }: IdentityRow): string[] {
  const keys: string[] = [];
  if (identity.phone !== '') keys.push(`p:${identity.phone}`);
  const email = normaliseEmail(identity.email);
  if (email !== null) keys.push(`e:${email}`);
  if (identity.lineUserId) keys.push(`l:${identity.lineUserId}`);
  const kana = foldKana(identity.nameKana);
  if (kana !== '' && identity.birthdate !== undefined) keys.push(`k:${kana}|${identity.birthdate}`);
  return keys;
}

/** Pairs HQ said are not the same person (or whose merge was undone): never proposed again. */
async function dismissedPairs(tx: Queryable): Promise<Set<string>> {
  const { rows } = await tx.query<{ member_a: string; member_b: string }>('select member_a, member_b from identity_dismissals');
  return new Set(rows.map((r) => pairKey(r.member_a, r.member_b)));
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Candidate duplicates among live, unmerged, numbered members, scored by
 * matchBand, older member number first (the suggested survivor), by band and
 * then member number.
 */
export async function findCandidates(tx: Queryable, query: CandidatesQuery): Promise<IdentityCandidate[]> {
  const members = await mergeableIdentities(tx);
  const dismissed = await dismissedPairs(tx);
  const blocks = new Map<string, IdentityRow[]>();
  for (const member of members) {
    for (const key of blockKeys(member)) {
      const block = blocks.get(key);
      if (block) block.push(member);
      else blocks.set(key, [member]);
    }
  }
  const seen = new Set<string>();
  const found: IdentityCandidate[] = [];
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > MAX_BLOCK) continue;
    for (let i = 0; i < block.length; i += 1) {
      for (let j = i + 1; j < block.length; j += 1) {
        const a = block[i];
        const b = block[j];
        if (!a || !b) continue;
        const key = pairKey(a.identity.id, b.identity.id);
        if (seen.has(key) || dismissed.has(key)) continue;
        seen.add(key);
        const { band, reasons } = matchBand(a.identity, b.identity);
        if (band !== query.band) continue;
        // members are read in member-number order, so a is the older number.
        found.push({ band, reasons, a: a.view, b: b.view });
      }
    }
  }
  found.sort((x, y) => (x.a.memberNo === y.a.memberNo ? cmp(x.b.memberNo, y.b.memberNo) : cmp(x.a.memberNo, y.a.memberNo)));
  return found.slice(0, query.limit);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
