import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCollectionFeed, parseBatch, type StreamItem } from '../../src/sync/collection-feed.ts';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function batch(seq: number): string {
  return JSON.stringify({ documents: [{ id: `doc-${seq}`, _deleted: false }], checkpoint: { seq, id: `doc-${seq}` } });
}

/** A feed over a stand-in replication, recording what the replication's stream$ receives. */
async function feedOf() {
  const subject = new Subject<StreamItem>();
  const received: string[] = [];
  subject.subscribe((item) => received.push(item === 'RESYNC' ? 'RESYNC' : `batch@${item.checkpoint.seq}`));
  const active$ = new BehaviorSubject(false);
  let batches = 0;
  const feed = createCollectionFeed({
    subject,
    initialReplication: Promise.resolve(),
    active$,
    onBatch: () => {
      batches += 1;
    },
  });
  await settle();
  return { feed, active$, received, batches: () => batches };
}

describe('createCollectionFeed', () => {
  it('passes batches straight to the replication when no resync is pending', async () => {
    const { feed, received, batches } = await feedOf();
    feed.batch(batch(1));
    feed.batch(batch(2));
    expect(received).toEqual(['batch@1', 'batch@2']);
    expect(batches()).toBe(2);
  });

  it('never lets a batch overtake a pending resync: after a reconnect the first batch would skip what was missed', async () => {
    const { feed, active$, received } = await feedOf();
    // Back online: the replication is busy pushing what was written offline.
    active$.next(true);
    feed.resync();
    feed.batch(batch(40)); // changes made from now on; rows 1–39 were posted while away
    expect(received).toEqual([]);
    active$.next(false);
    expect(received).toEqual(['RESYNC']);
    // Once RESYNC is queued, later batches queue behind it.
    feed.batch(batch(41));
    expect(received).toEqual(['RESYNC', 'batch@41']);
  });

  it('holds batches until the initial replication is in and the resync is sent', async () => {
    const subject = new Subject<StreamItem>();
    const received: StreamItem[] = [];
    subject.subscribe((item) => received.push(item));
    let finish: () => void = () => undefined;
    const initialReplication = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const feed = createCollectionFeed({ subject, initialReplication, active$: new BehaviorSubject(false) });
    feed.resync(); // the stream's `resync` on first connect
    feed.batch(batch(5));
    expect(received).toEqual([]);
    finish();
    await settle();
    expect(received).toEqual(['RESYNC']);
    feed.close();
  });

  it('ignores batches it cannot use, without stopping the feed', async () => {
    const { feed, received } = await feedOf();
    feed.batch('not json');
    feed.batch(JSON.stringify({ documents: [] }));
    feed.batch(JSON.stringify({ documents: 'x', checkpoint: { seq: 1, id: '' } }));
    feed.batch(batch(3));
    expect(received).toEqual(['batch@3']);
  });
});

describe('parseBatch', () => {
  it('orders a batch’s documents by id (see inIdOrder) and keeps its checkpoint', () => {
    const data = JSON.stringify({ documents: [{ id: 'b' }, { id: 'a' }], checkpoint: { seq: 9, id: 'b' } });
    expect(parseBatch(data)).toEqual({ documents: [{ id: 'a' }, { id: 'b' }], checkpoint: { seq: 9, id: 'b' } });
  });
});
