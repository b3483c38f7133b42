import { TenpoError } from '../../src/protocol/index.ts';

/** A feed row as stored: the member record it was posted to, and the API's answer for it. */
export interface StoredFeedRow<T> {
  memberId: string;
  body: T;
}

export interface PostOnceSteps<T> {
  /** The noun in the 409 message: "was used for another purchase". */
  what: string;
  idempotencyKey: string;
  /** The member the request names, and every record merged with it (a retry may name an old number). */
  sameMemberIds: ReadonlySet<string>;
  find: () => Promise<StoredFeedRow<T> | null>;
  /** Same writer-owned content as the request (server fields aside). */
  sameContent: (stored: T) => boolean;
  insert: () => Promise<void>;
}

/**
 * The feeds' idempotency rule, inside the caller's write transaction: a new key
 * is stored and answered 201; the same key with the same content is a retry,
 * answered 200 with the stored body; the same key with other content is 409
 * and writes nothing. The answer is always read back from the stored row, so a
 * retry gets the same bytes as the first answer.
 */
export async function postOnce<T>(steps: PostOnceSteps<T>): Promise<{ status: 201 | 200; body: T }> {
  const stored = await steps.find();
  if (stored) {
    if (!steps.sameMemberIds.has(stored.memberId) || !steps.sameContent(stored.body)) {
      throw new TenpoError('idempotency-conflict', `idempotency key ${steps.idempotencyKey} was used for another ${steps.what}`, 409, {
        idempotencyKey: steps.idempotencyKey,
      });
    }
    return { status: 200, body: stored.body };
  }
  await steps.insert();
  const posted = await steps.find();
  if (!posted) throw new Error(`${steps.what} ${steps.idempotencyKey} not found after insert`);
  return { status: 201, body: posted.body };
}
