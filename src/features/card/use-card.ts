import { useCallback, useEffect, useRef, useState } from 'react';
import { generateCardKeyPair, publicKeyCoords } from '../../domain/signed-member-code.ts';
import { TenpoError, type ErrorCode } from '../../protocol/index.ts';
import { CardNetworkError, registerCardKey } from './card-api.ts';
import { loadCard, saveCard, type StoredCard } from './card-store.ts';

/** What went wrong, as a message key: a server refusal (`failure.*`) or one of the card's own. */
export type CardProblem = { kind: 'failure'; code: ErrorCode } | { kind: 'card'; key: 'codeRequired' | 'offline' | 'unreachable' | 'unsupported' | 'storageError' };

export type CardState =
  | { phase: 'loading' }
  | { phase: 'unpaired'; busy: boolean; problem: CardProblem | null; code: string }
  | { phase: 'paired'; card: StoredCard };

/** `#/card?pair=CARD-…`: the pairing QR the tablet shows opens the card with its code. */
function pairCodeFromHash(hash: string): string {
  const query = hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('pair') ?? '';
}

function problemOf(error: unknown): CardProblem {
  if (error instanceof TenpoError) return { kind: 'failure', code: error.code };
  if (error instanceof CardNetworkError) return { kind: 'card', key: navigator.onLine ? 'unreachable' : 'offline' };
  return { kind: 'card', key: 'storageError' };
}

/**
 * The member's card on their phone: the stored pairing, or the pairing form.
 * Pairing makes a fresh non-extractable key pair, registers its public half
 * with the one-time code, and keeps the private half in the card's own store.
 */
export function useCard(): { state: CardState; pair: (code: string) => void; unpair: () => void; setCode: (code: string) => void } {
  const [state, setState] = useState<CardState>({ phase: 'loading' });
  const busy = useRef(false);

  const pair = useCallback((input: string) => {
    const code = input.trim();
    if (busy.current) return;
    if (code === '') {
      setState({ phase: 'unpaired', busy: false, problem: { kind: 'card', key: 'codeRequired' }, code });
      return;
    }
    if (typeof crypto === 'undefined' || !('subtle' in crypto) || typeof indexedDB === 'undefined') {
      setState({ phase: 'unpaired', busy: false, problem: { kind: 'card', key: 'unsupported' }, code });
      return;
    }
    busy.current = true;
    setState({ phase: 'unpaired', busy: true, problem: null, code });
    void (async () => {
      try {
        const keys = await generateCardKeyPair();
        const registered = await registerCardKey(code, await publicKeyCoords(keys.publicKey));
        const card: StoredCard = { ...registered, privateKey: keys.privateKey, pairedAt: new Date().toISOString() };
        await saveCard(card);
        setState({ phase: 'paired', card });
      } catch (error) {
        console.error('card pairing failed', error);
        setState({ phase: 'unpaired', busy: false, problem: problemOf(error), code });
      } finally {
        busy.current = false;
      }
    })();
  }, []);

  useEffect(() => {
    const fromLink = pairCodeFromHash(window.location.hash);
    // The code is single use: drop it from the address so a reload does not try it again.
    if (fromLink !== '') window.history.replaceState(null, '', window.location.hash.split('?')[0]);
    let cancelled = false;
    loadCard()
      .catch(() => null)
      .then((card) => {
        if (cancelled) return;
        if (fromLink !== '') pair(fromLink);
        else setState(card ? { phase: 'paired', card } : { phase: 'unpaired', busy: false, problem: null, code: '' });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [pair]);

  const setCode = useCallback((code: string) => {
    setState((current) => (current.phase === 'unpaired' ? { ...current, code } : current));
  }, []);
  const unpair = useCallback(() => setState({ phase: 'unpaired', busy: false, problem: null, code: '' }), []);
  return { state, pair, unpair, setCode };
}
