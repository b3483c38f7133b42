import { z } from 'zod';

/**
 * Identities a member has in other systems (issue 9): a LINE user id (from
 * the LINE official account's webhook) and an EC site account id. Linking
 * one to a member lets feeds name the member by it.
 */
export const LINK_KINDS = ['line', 'ec'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** LINE's own format: `U` and 32 hex digits. */
export const lineUserIdSchema = z.string().regex(/^U[0-9a-f]{32}$/, 'a LINE user id is U and 32 hex digits');
/** The EC site's account id: it travels in URL paths, so a safe alphabet. */
export const ecAccountIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$/, 'an EC account id is 1 to 64 letters, digits or ._@:-');

/** The external id's format, per kind. */
export const LINK_ID_SCHEMAS: Record<LinkKind, z.ZodString> = { line: lineUserIdSchema, ec: ecAccountIdSchema };
