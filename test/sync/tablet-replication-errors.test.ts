import { newRxError } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { reportedByHandler } from '../../src/sync/sync-failure.ts';

// What a replication's error$ carries: the engine logs only what the pull and
// push handlers never saw. A full initial sync of 100,000 members once put a
// plain error there (a refused local write has no `parameters`), and reading
// it threw inside the subscriber instead of logging it.
describe('errors a replication reports', () => {
  it('knows the handler failures RxDB wraps, which the handlers reported already', () => {
    const pull = newRxError('RC_PULL', { checkpoint: null, errors: [new Error('offline')], direction: 'pull' });
    const push = newRxError('RC_PUSH', { pushRows: [], errors: [new Error('offline')], direction: 'push' });
    expect(reportedByHandler(pull)).toBe(true);
    expect(reportedByHandler(push)).toBe(true);
  });

  it('leaves everything else to be logged, whatever its shape, without throwing', () => {
    const writeRefused = newRxError('RC_PULL', { writeError: { status: 500, documentId: 'm1' } as never });
    expect(reportedByHandler(writeRefused)).toBe(false);
    expect(reportedByHandler(new DOMException('The transaction was aborted', 'AbortError'))).toBe(false);
    expect(reportedByHandler(Object.assign(new Error('no parameters'), { parameters: undefined }))).toBe(false);
    expect(reportedByHandler(undefined)).toBe(false);
  });
});
