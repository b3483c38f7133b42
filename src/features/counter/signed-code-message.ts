import type { SignedCodeVerdict } from '../../db/signed-codes.ts';
import { message, type CounterMessage } from './counter-message.ts';

type Refusal = Extract<SignedCodeVerdict, { ok: false }>['reason'];

/** What a refused TNP2 code tells the clerk: what to ask the member to do. */
export function signedRefusalMessage(reason: Refusal): CounterMessage {
  switch (reason) {
    case 'expired':
      return message('error', 'signedExpired');
    case 'not-yet-valid':
      return message('error', 'signedNotYetValid');
    case 'forged':
      return message('error', 'signedForged');
    case 'unknown-key':
      return message('error', 'signedUnknownKey');
    case 'replayed':
      return message('error', 'signedReplayed');
    case 'malformed':
      return message('error', 'signedMalformed');
    case 'storage-error':
      return message('error', 'storageError');
  }
}
