import { z } from 'zod';

/**
 * The member's own card (DESIGN.md "Member QR codes"): a tablet asks for a
 * one-time pairing code for the member at the counter; the member's phone
 * registers its public key with that code. Both sides import these shapes.
 */

/** Pairing codes as the server makes them (`CARD-K7QM-X4PD`); what a member types is normalised first. */
export const PAIRING_CODE_PATTERN = /^CARD-[346789ABCDEFGHJKMNPQRTUVWXY]{4}-[346789ABCDEFGHJKMNPQRTUVWXY]{4}$/;
/** How long a pairing code may wait for the member's phone. */
export const PAIRING_CODE_LIFETIME_MS = 10 * 60_000;

/** POST /sync/v1/card-pairings (a tablet, device token). */
export const cardPairingRequestSchema = z.object({ memberId: z.string().min(1).max(64) });
export type CardPairingRequest = z.infer<typeof cardPairingRequestSchema>;

export const cardPairingSchema = z.object({
  code: z.string(),
  memberId: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type CardPairing = z.infer<typeof cardPairingSchema>;

const coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 coordinate: 32 bytes, base64url');

/** POST /card/v1/keys (the member's phone, no token: the pairing code is the proof). */
export const cardKeyRegistrationSchema = z.object({
  code: z.string().min(1).max(40),
  publicKey: z.object({ x: coordinate, y: coordinate }),
});
export type CardKeyRegistration = z.infer<typeof cardKeyRegistrationSchema>;

export const cardKeyRegisteredSchema = z.object({
  memberId: z.string(),
  memberNo: z.string(),
  name: z.string(),
  kid: z.string(),
});
export type CardKeyRegistered = z.infer<typeof cardKeyRegisteredSchema>;

/** The most keys a member keeps (phones replaced, app reinstalled); the oldest goes first. */
export const MAX_CARD_KEYS = 10;

/** The card screen's address for a pairing code, on the origin the tablet is served from. */
export function pairingUrl(origin: string, code: string): string {
  return `${origin}/#/card?pair=${encodeURIComponent(code)}`;
}
