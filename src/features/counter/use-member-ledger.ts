import { useMemo } from 'react';
import { useNow } from '../../app/use-now.ts';
import { useMemberPoints, useMergedEntries, type MemberPoints } from '../../db/index.ts';
import { memberLedger, type MemberLedger } from './member-ledger.ts';

export interface MemberLedgerState {
  /** Raw account and entries, for the operations' own checks (redeem limit). */
  points: MemberPoints | undefined;
  /** What the counter shows; undefined while loading. */
  ledger: MemberLedger | undefined;
  now: string;
}

/** The member's points as the counter shows them, live. */
export function useMemberLedger(memberId: string): MemberLedgerState {
  const points = useMemberPoints(memberId);
  const merged = useMergedEntries(memberId);
  const now = useNow();
  const ledger = useMemo(() => (points ? memberLedger(points, now, undefined, merged) : undefined), [points, now, merged]);
  return { points, ledger, now };
}
