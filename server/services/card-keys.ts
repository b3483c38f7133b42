import { randomBytes, webcrypto } from 'node:crypto';
import type { CardKey, CardKeyRegistered, CardKeyRegistration, CardPairing } from '../../src/protocol/index.ts';
import { MAX_CARD_KEYS, PAIRING_CODE_LIFETIME_MS, TenpoError } from '../../src/protocol/index.ts';
import type { ChangeNotifier } from '../fanout/notifier.ts';
import type { Sql } from '../store/sql.ts';
import type { Device } from './devices.ts';
import { jsonValue } from './rows.ts';
import { humanCode, normaliseCode, sha256Hex } from './tokens.ts';
import { writeTransaction } from './write-transaction.ts';

interface CardServices {
  sql: Sql;
  notifier: ChangeNotifier;
}

/**
 * A one-time code that lets the member's phone register its key. Asked for by
 * an enrolled tablet for the member standing at its counter: the clerk is the
 * proof that the phone belongs to the member, the code carries that proof to
 * the phone. Only the code's hash is stored.
 */
export async function createCardPairing(sql: Sql, device: Device, memberId: string, now = new Date()): Promise<CardPairing> {
  const { rows } = await sql.query<{ id: string }>('select id from members where id = $1 and not deleted', [memberId]);
  if (rows.length === 0) throw new TenpoError('unknown-member', `no member ${memberId}`);
  const code = humanCode('CARD');
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_LIFETIME_MS);
  await sql.query('insert into card_pairings (code_hash, member_id, device_id, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
    sha256Hex(code),
    memberId,
    device.id,
    now.toISOString(),
    expiresAt.toISOString(),
  ]);
  return { code, memberId, expiresAt: expiresAt.toISOString() };
}

/**
 * Registers the phone's public key on the member the code was made for and
 * burns the code. The member document changes inside a write transaction, so
 * it is restamped and reaches every tablet through pull and the stream; from
 * then on tablets verify the phone's TNP2 codes offline.
 */
export async function registerCardKey(services: CardServices, request: CardKeyRegistration, now = new Date()): Promise<CardKeyRegistered> {
  if (!(await isCurvePoint(request.publicKey))) {
    throw new TenpoError('invalid-request', 'the public key is not an ECDSA P-256 key', 400, [{ path: 'publicKey', message: 'not a P-256 point' }]);
  }
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    // `for update`: two phones racing with one code; the second waits, then sees it used.
    const { rows } = await tx.query<{ member_id: string; expires_at: Date | string; used_at: Date | string | null }>(
      'select member_id, expires_at, used_at from card_pairings where code_hash = $1 for update',
      [sha256Hex(normaliseCode(request.code))],
    );
    const pairing = rows[0];
    if (!pairing) throw new TenpoError('pairing-code-unknown', 'this pairing code is not valid');
    if (pairing.used_at !== null) throw new TenpoError('pairing-code-used', 'this pairing code has already been used');
    if (new Date(pairing.expires_at).getTime() <= now.getTime()) throw new TenpoError('pairing-code-expired', 'this pairing code has expired');

    const member = (
      await tx.query<{ member_no: string; name: string; card_keys: unknown }>('select member_no, name, card_keys from members where id = $1 and not deleted for update', [
        pairing.member_id,
      ])
    ).rows[0];
    if (!member) throw new TenpoError('unknown-member', 'the member of this pairing code no longer exists');

    const key: CardKey = { kid: randomBytes(9).toString('base64url'), x: request.publicKey.x, y: request.publicKey.y, createdAt: now.toISOString() };
    const keys = [...((jsonValue(member.card_keys) as CardKey[] | null) ?? []), key].slice(-MAX_CARD_KEYS);
    await tx.query('update members set card_keys = $2::jsonb where id = $1', [pairing.member_id, JSON.stringify(keys)]);
    await tx.query('update card_pairings set used_at = $2, kid = $3 where code_hash = $1', [sha256Hex(normaliseCode(request.code)), now.toISOString(), key.kid]);
    changed.add('members');
    return { memberId: pairing.member_id, memberNo: member.member_no, name: member.name, kid: key.kid };
  });
}

/** A key tablets could never verify with must not be stored: WebCrypto checks the point is on the curve. */
async function isCurvePoint(publicKey: { x: string; y: string }): Promise<boolean> {
  try {
    await webcrypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', ...publicKey }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}
