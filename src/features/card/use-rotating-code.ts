import { useEffect, useState } from 'react';
import { CODE_ROTATION_S, MAX_CODE_LIFETIME_S, nowSeconds, signMemberCode } from '../../domain/signed-member-code.ts';
import type { StoredCard } from './card-store.ts';

export interface RotatingCode {
  /** The TNP2 text, '' until the first one is signed. */
  code: string;
  /** Seconds until the next one. */
  left: number;
}

/**
 * A fresh TNP2 code every CODE_ROTATION_S seconds, signed on the phone with no
 * network: each lives MAX_CODE_LIFETIME_S, so one being scanned as it rotates
 * is still good, and a screenshot is useless two minutes later.
 */
export function useRotatingCode(card: StoredCard): RotatingCode {
  const [state, setState] = useState<{ code: string; issuedAt: number }>({ code: '', issuedAt: 0 });
  const [now, setNow] = useState(nowSeconds);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(nowSeconds()), 1_000);
    return () => window.clearInterval(timer);
  }, []);

  const due = state.code === '' || now - state.issuedAt >= CODE_ROTATION_S || state.issuedAt > now;
  useEffect(() => {
    if (!due) return undefined;
    let cancelled = false;
    const issuedAt = nowSeconds();
    signMemberCode(card.privateKey, { memberId: card.memberId, issuedAt, kid: card.kid, lifetimeS: MAX_CODE_LIFETIME_S })
      .then((code) => {
        if (!cancelled) setState({ code, issuedAt });
      })
      .catch((error: unknown) => console.error('could not sign the card code', error));
    return () => {
      cancelled = true;
    };
  }, [due, card]);

  return { code: state.code, left: Math.max(0, CODE_ROTATION_S - (now - state.issuedAt)) };
}
