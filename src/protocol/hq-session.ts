import { z } from 'zod';
import { STAFF_ID_PATTERN, STAFF_PIN_PATTERN } from './staff.ts';

/**
 * Issue 10: head office signs in to the HQ area as staff of role `hq` (staff
 * id + PIN, checked on the server with the lock-out) and gets a session
 * token, the Bearer of its /api/v1 calls in place of an API key.
 */

/** How long an HQ session lasts: a working day at the desk, then HQ signs in again. */
export const HQ_SESSION_HOURS = 8;

/** Session tokens start with this, API keys with `tnp_`: the PWA knows which one it holds and ends only a session. */
export const HQ_SESSION_TOKEN_PREFIX = 'hqs_';

export const hqSignInRequestSchema = z
  .object({
    staffId: z.string().regex(STAFF_ID_PATTERN),
    pin: z.string().regex(STAFF_PIN_PATTERN),
  })
  .meta({ id: 'HqSignInRequest' });
export type HqSignInRequest = z.infer<typeof hqSignInRequestSchema>;

export const hqSessionSchema = z
  .object({
    /** The Bearer for /api/v1; only its hash is stored. */
    token: z.string().startsWith(HQ_SESSION_TOKEN_PREFIX),
    expiresAt: z.iso.datetime({ offset: true }),
    staff: z.object({ staffId: z.string().regex(STAFF_ID_PATTERN), name: z.string() }),
  })
  .meta({ id: 'HqSession' });
export type HqSession = z.infer<typeof hqSessionSchema>;
