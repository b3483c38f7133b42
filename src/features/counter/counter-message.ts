import type { ja } from '../../app/i18n/ja.ts';
import type { PointsFailure } from '../../db/index.ts';
import type { RedeemLimit } from '../../domain/balance.ts';

export type MessageKey = keyof typeof ja.message;
export type MessageTone = 'info' | 'success' | 'error';

/** The interpolation values each message needs (the `{{…}}` in ja.ts). */
interface MessageValues {
  found: { name: string };
  foundMerged: { name: string; oldNo: string; newNo: string };
  productScanned: { jan: string };
  noPoints: { yen: number };
  overBalance: { points: number };
  overOfflineBalance: { points: number };
  overOfflinePerTransaction: { points: number };
  overOfflineDaily: { points: number };
  earned: { points: number };
  redeemed: { points: number };
  returned: { points: number };
  adjusted: { points: number };
  overReturned: { yen: number };
}

/** Feedback at the counter, kept as a key (not text) so a language switch re-renders it. */
export interface CounterMessage {
  tone: MessageTone;
  key: MessageKey;
  values?: Readonly<Record<string, string | number>>;
}

/** Builds a message; the compiler checks each key gets exactly the values its text needs. */
export function message<K extends MessageKey>(
  tone: MessageTone,
  key: K,
  ...values: K extends keyof MessageValues ? [MessageValues[K]] : []
): CounterMessage {
  const [interpolation] = values;
  return interpolation ? { tone, key, values: interpolation } : { tone, key };
}

/** What a redemption over the limit tells the clerk: the limit, and which bound set it. */
export function overLimitMessage(limit: RedeemLimit): CounterMessage {
  const points = limit.limit;
  switch (limit.bound) {
    case 'online':
      return message('error', 'overBalance', { points });
    case 'balance':
      return message('error', 'overOfflineBalance', { points });
    case 'per-transaction-cap':
      return message('error', 'overOfflinePerTransaction', { points });
    case 'daily-offline-cap':
      return message('error', 'overOfflineDaily', { points });
  }
}

interface FailureContext {
  yenPerPoint?: number | undefined;
  limit?: RedeemLimit | undefined;
  /** Yen of the purchase not yet returned (a refused return). */
  returnableYen?: number | undefined;
}

/** What a failed earn, redeem or return tells the clerk. */
export function pointsFailureMessage(reason: PointsFailure, context: FailureContext = {}): CounterMessage {
  switch (reason) {
    case 'not-enrolled':
      return message('error', 'notEnrolled');
    case 'member-not-found':
      return message('error', 'memberNotFound');
    case 'invalid-amount':
      return message('error', 'invalidAmount');
    case 'no-points':
      return message('error', 'noPoints', { yen: context.yenPerPoint ?? 0 });
    case 'invalid-points':
      return message('error', 'invalidPoints');
    case 'over-limit':
      return overLimitMessage(context.limit ?? { limit: 0, bound: 'online' });
    case 'entry-not-found':
      return message('error', 'entryNotFound');
    case 'over-returned':
      return message('error', 'overReturned', { yen: context.returnableYen ?? 0 });
    case 'nothing-to-return':
      return message('error', 'nothingToReturn');
    case 'duplicate-id':
      return message('error', 'duplicateId');
    case 'approval-required':
      return message('error', 'approvalRequired');
    case 'storage-error':
      return message('error', 'storageError');
  }
}
