import { z } from 'zod';
import { memberSchema, pointAccountSchema, pointEntrySchema } from './documents.ts';

/**
 * GET /sync/v1/members/lookup?q=: a tablet asks the server for a member it
 * does not hold (issue 6: a tablet holds only its shop's members). `q` is
 * what the clerk typed or scanned, read with parseMemberQuery on both sides.
 */
export const MEMBER_LOOKUP_PATH = '/members/lookup';

/** A few matches at most: this is a counter finding one person, not a way to page through the chain. */
export const MEMBER_LOOKUP_LIMIT = 5;

export const memberLookupQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
});
export type MemberLookupQuery = z.infer<typeof memberLookupQuerySchema>;

/**
 * The members found (with the survivors of merged ones), their accounts and
 * their recent entries: what the counter needs to show and serve them.
 */
export const memberLookupResponseSchema = z.object({
  members: z.array(memberSchema),
  accounts: z.array(pointAccountSchema),
  entries: z.array(pointEntrySchema),
});
export type MemberLookupResponse = z.infer<typeof memberLookupResponseSchema>;
