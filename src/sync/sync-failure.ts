import { TenpoError, type ErrorCode } from '../protocol/index.ts';

/** Ways a request fails before the server could say why. */
export type TransportFailure = 'unreachable' | 'timeout' | 'bad-response';

/** Every reason a sync call can fail: the server's wire codes plus the transport's own. */
export type SyncFailure = ErrorCode | TransportFailure;

/**
 * The request never produced a Tenpo answer: no network, no answer in time, or
 * something in between (a captive portal, a proxy's HTML error page). When the
 * server does answer with an error body, the transport throws TenpoError.
 */
export class TransportError extends Error {
  constructor(
    readonly reason: TransportFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export function failureOf(error: unknown): SyncFailure {
  if (error instanceof TenpoError) return error.code;
  if (error instanceof TransportError) return error.reason;
  return 'internal';
}

/** Failures that go away by themselves when the network comes back: "connecting", not "error". */
export function isTransient(failure: SyncFailure): boolean {
  return failure === 'unreachable' || failure === 'timeout';
}

/**
 * Failures no retry fixes: the token was revoked, or this app is older than
 * the server's protocol. Retrying every few seconds would only load the server.
 */
export function needsAttention(failure: SyncFailure): boolean {
  return failure === 'unauthorized' || failure === 'forbidden' || failure === 'protocol-mismatch';
}

/**
 * RxDB wraps a thrown pull/push handler error as RC_PULL/RC_PUSH with
 * `direction` and `errors`: the handler has reported it already. Anything else
 * on a replication's error$ is not, and need not be an RxError at all: a local
 * write of pulled data that IndexedDB refused reaches error$ as the plain error,
 * with no `parameters`.
 */
export function reportedByHandler(error: unknown): boolean {
  const parameters: unknown = typeof error === 'object' && error !== null ? (error as { parameters?: unknown }).parameters : undefined;
  return typeof parameters === 'object' && parameters !== null && 'direction' in parameters && 'errors' in parameters;
}
