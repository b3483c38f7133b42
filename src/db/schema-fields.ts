/** Field types shared by the RxDB schemas (see schemas.ts for the rules behind the numbers). */

/** Ids on the wire are at most 64 chars (protocol `id`). */
export const ID = { type: 'string', maxLength: 64 } as const;
/** Ledger entry ids (idempotency keys) may be up to 100: server-made keys like `expire:<lot>:<date>`. */
export const ENTRY_ID = { type: 'string', maxLength: 100 } as const;
/** ISO-8601 with offset; Postgres can send microseconds + `+00:00` (32 chars). */
export const TIME = { type: 'string', maxLength: 40 } as const;
/** A JST calendar day, `YYYY-MM-DD`. */
export const DATE = { type: 'string', maxLength: 10 } as const;
export const JAN = { type: 'string', maxLength: 13 } as const;
