import { z } from 'zod';

/** Stable kebab-case reasons on the wire. Clients switch on these, never on messages. */
export const ERROR_CODES = [
  'invalid-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'unknown-collection',
  'read-only-collection',
  'invalid-enrolment-code',
  'protocol-mismatch',
  'payload-too-large',
  'idempotency-conflict',
  'insufficient-points',
  'internal',
  // /api/v1: the body was read but its values cannot be accepted (GitHub's 400/422 split).
  'unprocessable',
  'unknown-member',
  // Month-end close (月末締め).
  'already-closed',
  'month-not-ended',
  'close-out-of-order',
  // 名寄せ (merges of duplicate members).
  'merge-same-member',
  'member-already-merged',
  'merge-undo-blocked',
  // The member's own card: pairing codes are single use and short-lived.
  'pairing-code-unknown',
  'pairing-code-used',
  'pairing-code-expired',
  // Endless-aisle orders: the last unit went to another order; a status change the lifecycle does not allow.
  'out-of-stock',
  'invalid-transition',
  // Too many requests from one client (enrolment, card pairing, /api/v1).
  'rate-limited',
  // Issue 6: a guarded action without a manager's approval; a wrong approval PIN; too many wrong ones in a row.
  'approval-required',
  'wrong-pin',
  'staff-locked-out',
  // Issue 9: a LINE or EC account id already linked to another member.
  'link-conflict',
  // Issue 10: a coupon already used (on any channel), past its last day, or named for another member.
  'coupon-redeemed',
  'coupon-expired',
  'coupon-member-mismatch',
  // Issue 10: the HQ area signs in staff of role hq only.
  'not-hq',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The one typed error of Tenpo: carries the wire code and the HTTP status it maps to. */
export class TenpoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = statusOf(code),
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'TenpoError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, details: this.details };
  }
}

function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid-request':
      return 400;
    case 'unauthorized':
    case 'invalid-enrolment-code':
      return 401;
    case 'forbidden':
    case 'read-only-collection':
    case 'approval-required':
    case 'wrong-pin':
    case 'not-hq':
      return 403;
    case 'staff-locked-out':
      return 423;
    case 'not-found':
    case 'unknown-collection':
    case 'pairing-code-unknown':
      return 404;
    case 'pairing-code-used':
      return 409;
    case 'pairing-code-expired':
      return 410;
    case 'idempotency-conflict':
    case 'insufficient-points':
    case 'already-closed':
    case 'month-not-ended':
    case 'close-out-of-order':
    case 'merge-same-member':
    case 'member-already-merged':
    case 'merge-undo-blocked':
    case 'out-of-stock':
    case 'invalid-transition':
    case 'link-conflict':
    case 'coupon-redeemed':
    case 'coupon-expired':
    case 'coupon-member-mismatch':
      return 409;
    case 'unprocessable':
    case 'unknown-member':
      return 422;
    case 'payload-too-large':
      return 413;
    case 'protocol-mismatch':
      return 426;
    case 'rate-limited':
      return 429;
    case 'internal':
      return 500;
  }
}
