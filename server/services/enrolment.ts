import { randomUUID } from 'node:crypto';
import type { EnrolRequest, EnrolResponse } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable, Sql } from '../store/sql.ts';
import { recordServerAudit } from './audit.ts';
import { yenPerPoint } from './settings.ts';
import { humanCode, normaliseCode, randomToken, sha256Hex } from './tokens.ts';

export interface EnrolmentCode {
  code: string;
  shopId: string;
  shopName: string;
}

/**
 * Turns a shop's enrolment code into a device and its bearer token. The token
 * is returned once and only its hash is kept: a leaked database cannot
 * impersonate tablets.
 */
export async function enrol(sql: Sql, request: EnrolRequest): Promise<EnrolResponse> {
  // Claimed in one statement: two tablets racing for a one-time code cannot both win
  // (the second re-reads the row after the first commits and finds it used).
  const { rows } = await sql.query<{ shop_id: string; shop_name: string }>(
    `with claimed as (
       update enrolment_codes set used_at = now()
        where code = $1 and (reusable or (used_at is null and expires_at > now()))
        returning shop_id)
     select c.shop_id, l.name as shop_name from claimed c join locations l on l.id = c.shop_id`,
    [normaliseCode(request.code)],
  );
  const shop = rows[0];
  if (!shop) throw new TenpoError('invalid-enrolment-code', 'this enrolment code is not valid');
  const deviceId = randomUUID();
  const token = randomToken();
  await sql.query('insert into devices (id, shop_id, name, token_hash) values ($1, $2, $3, $4)', [
    deviceId,
    shop.shop_id,
    request.deviceName,
    sha256Hex(token),
  ]);
  await recordServerAudit(sql, { action: 'device-enrol', deviceId, shopId: shop.shop_id, detail: { deviceName: request.deviceName } });
  return {
    deviceId,
    token,
    shop: { id: shop.shop_id, name: shop.shop_name },
    settings: { yenPerPoint: await yenPerPoint(sql) },
  };
}

/**
 * Gives every shop without one an enrolment code (`SHOP1-K7QM-X4PD`, numbered
 * in shop id order) and returns all shops' codes. Stored, so the code printed
 * at startup stays the same across restarts.
 */
export async function ensureEnrolmentCodes(sql: Queryable): Promise<EnrolmentCode[]> {
  const { rows: shops } = await sql.query<{ id: string; name: string; code: string | null }>(
    `select l.id, l.name, (select min(c.code) from enrolment_codes c where c.shop_id = l.id and c.reusable) as code
       from locations l where l.kind = 'store' order by l.id`,
  );
  const codes: EnrolmentCode[] = [];
  for (const [index, shop] of shops.entries()) {
    let code = shop.code;
    if (code === null) {
      code = humanCode(`SHOP${index + 1}`);
      await sql.query('insert into enrolment_codes (code, shop_id, reusable) values ($1, $2, true)', [code, shop.id]);
    }
    codes.push({ code, shopId: shop.id, shopName: shop.name });
  }
  return codes;
}
