/**
 * Types of the points ledger (DESIGN.md "Points (the ledger)"). These are the
 * shapes the pure rules need; the wire documents in src/protocol will carry
 * these fields plus bookkeeping the rules do not read (member, device, staff,
 * posting number). Functions take these types structurally, so a wire document
 * with extra fields can be passed as is.
 */

export const LEDGER_ENTRY_TYPES = [
  'earn',
  'redeem',
  'expire',
  'adjust',
  'reversal',
  'migration',
  'transfer_in',
  'transfer_out',
] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export type Channel = 'store' | 'ec';

/** An ISO 8601 instant with an offset, e.g. `2026-11-03T10:15:00.000+09:00`. */
export type IsoTime = string;

/** A calendar day in Japan time (JST), `YYYY-MM-DD`. Expiry dates are days: see calendar.ts. */
export type CalendarDate = string;

/** Which way an entry moves the balance: credits may create lots, debits consume them. */
export type Direction = 'credit' | 'debit';

interface EntryBase {
  /** The idempotency key, made on the device before the first attempt. */
  readonly id: string;
  /**
   * A positive integer (a return that costs no point may post 0: see
   * hasValidPoints); the type says which way it moves the balance.
   */
  readonly points: number;
  /**
   * When the entry happened for the business (the purchase, the expiry). The
   * server decides it (device time is informational); the rules use it for
   * expiry, vesting and rank. The order of the entries is the posting order,
   * not the order of `at`.
   */
  readonly at: IsoTime;
  readonly channel: Channel;
  readonly shopId: string;
  /** Receipt number or EC order id. */
  readonly ref?: string;
}

export interface EarnEntry extends EntryBase {
  readonly type: 'earn';
  /** Purchase amount in yen the points were earned on; rank and partial returns read it. */
  readonly amountYen: number;
  /** Receipt line, when points are earned per line. */
  readonly line?: string;
  /** Campaign points with their own last usable day (期間限定ポイント): never extended. */
  readonly expiresOn?: CalendarDate;
}

export interface RedeemEntry extends EntryBase {
  readonly type: 'redeem';
}

/** Posted by the scheduled expiry job for one lot (see dueExpiries). */
export interface ExpireEntry extends EntryBase {
  readonly type: 'expire';
  readonly lotId: string;
  readonly expiresOn: CalendarDate;
}

/** A manual correction by HQ. */
export interface AdjustEntry extends EntryBase {
  readonly type: 'adjust';
  readonly direction: Direction;
  readonly expiresOn?: CalendarDate;
}

/**
 * Undoes (part of) an earn on a return, or gives back (part of) a redemption
 * on a cancelled purchase. Carries the reversed type so its sign is known
 * without looking the reversed entry up.
 */
export interface ReversalEntry extends EntryBase {
  readonly type: 'reversal';
  readonly reverses: string;
  readonly reversesType: 'earn' | 'redeem';
  /** Returned purchase amount (earn reversals): partial returns are computed from the total returned so far. */
  readonly amountYen?: number;
}

/** A paper card's balance carried over to a digital member. */
export interface MigrationEntry extends EntryBase {
  readonly type: 'migration';
  readonly expiresOn?: CalendarDate;
}

/** Points moved from another member (a merge, 名寄せ); `expiresOn` carries the source lot's date over. */
export interface TransferInEntry extends EntryBase {
  readonly type: 'transfer_in';
  readonly expiresOn?: CalendarDate;
}

export interface TransferOutEntry extends EntryBase {
  readonly type: 'transfer_out';
  /** The lot it moves (a merge moves lot by lot, keeping each expiry); without it, a debit in consumption order. */
  readonly lotId?: string;
}

export type LedgerEntry =
  | EarnEntry
  | RedeemEntry
  | ExpireEntry
  | AdjustEntry
  | ReversalEntry
  | MigrationEntry
  | TransferInEntry
  | TransferOutEntry;

/**
 * How points expire, chosen per chain. A lot with its own date (campaign
 * points, a carried-over date) keeps that date under every policy.
 */
export type ExpiryPolicy =
  /** Every lot expires N months after the member's last earn or redeem: activity extends all lots. */
  | { readonly kind: 'rolling-from-last-activity'; readonly months: number }
  /** Each lot expires N months after it was earned. */
  | { readonly kind: 'rolling-from-earn'; readonly months: number }
  /** Only lots with their own date expire; all others never do. */
  | { readonly kind: 'fixed-date' };

export interface LedgerPolicy {
  readonly expiry: ExpiryPolicy;
  /** Earned points become redeemable this many days after the earn (default 0). */
  readonly vestingDays?: number;
}

export type LotSource = 'earn' | 'migration' | 'transfer_in' | 'adjust' | 'restore';

/** Where a lot stands at the projection's `now`. */
export type LotState = 'available' | 'unvested' | 'expired';

export interface Lot {
  /** The id of the entry that created it (a restored redemption: the reversal's id). */
  readonly id: string;
  readonly sourceEntryId: string;
  readonly source: LotSource;
  readonly channel: Channel;
  readonly shopId: string;
  /** Points credited into the lot (after any debt was paid back). */
  readonly points: number;
  readonly remaining: number;
  readonly earnedAt: IsoTime;
  readonly vestsAt: IsoTime;
  /** Last usable day, or null when it never expires. */
  readonly expiresOn: CalendarDate | null;
  /** The instant it stops being usable: the end of `expiresOn` in Japan. */
  readonly expiresAt: IsoTime | null;
  readonly state: LotState;
}

export type LedgerFlagReason =
  /** A debit found too few points: the shortfall became debt. */
  | 'overdraft'
  /** A reversal took back more than its entry earned, or gave back more than was redeemed. */
  | 'reversal-exceeds-original'
  /** An expire entry named an unknown lot or more points than the lot held. */
  | 'expire-mismatch'
  /** The same id twice: the second is ignored. */
  | 'duplicate-id'
  /** Points that are not a positive integer: ignored. */
  | 'invalid-points';

export interface LedgerFlag {
  readonly entryId: string;
  readonly reason: LedgerFlagReason;
  /** The points concerned: the shortfall, the excess, or the entry's points when ignored. */
  readonly points: number;
}

export interface Repayment {
  readonly entryId: string;
  readonly points: number;
}

export interface Projection {
  /** Sum of the signed points of every applied entry; negative when overdrawn. */
  readonly balance: number;
  /** What may be redeemed now: vested, unexpired lots less any debt, never below 0. */
  readonly available: number;
  /** Points owed from overdrafts, paid back by later credits before they create lots. */
  readonly debt: number;
  /** Lots still holding points, in the order a redemption would consume them. */
  readonly lots: readonly Lot[];
  readonly flags: readonly LedgerFlag[];
  readonly flaggedEntryIds: readonly string[];
  /** Credits that paid debt back, and how much. */
  readonly repayments: readonly Repayment[];
  /** The latest earn or redeem, or null. */
  readonly lastActivityAt: IsoTime | null;
}
