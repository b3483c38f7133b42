/**
 * A child process of live-streams.ts running tablets A and B (Node tablets,
 * node-tablet.ts), so the server's event loop and theirs are not one: a real
 * tablet B reads its stream on its own device while the server is still
 * writing the same change to other streams. Commands over the fork IPC channel.
 */
import { randomUUID } from 'node:crypto';
import { filter, firstValueFrom, timeout } from 'rxjs';
import type { EnrolResponse, PointEntry } from '../../src/protocol/index.ts';
import { openNodeTablet, type NodeTablet } from './node-tablet.ts';

export type PairCommand = { kind: 'open'; url: string; a: EnrolResponse; b: EnrolResponse; memberId: string } | { kind: 'write' } | { kind: 'close' };
export type PairAnswer = { kind: 'ready' } | { kind: 'written'; ms: number } | { kind: 'failed'; error: string };

const WAIT_MS = 10_000;

let pair: { a: NodeTablet<'point_entries'>; b: NodeTablet<'point_entries'>; device: EnrolResponse; memberId: string } | null = null;

/** A writes one earn; resolves with the time until B's collection holds it. */
async function propagate(): Promise<number> {
  if (!pair) throw new Error('open the tablets first');
  const { a, b, device, memberId } = pair;
  const id = randomUUID();
  const arrived = firstValueFrom(b.collection.$.pipe(filter((event) => event.documentId === id), timeout(WAIT_MS)));
  const entry: PointEntry = {
    id,
    memberId,
    type: 'earn',
    points: 10,
    amountYen: 1000,
    channel: 'store',
    shopId: device.shop.id,
    deviceId: device.deviceId,
    staffId: '',
    ref: `R-bench-${id.slice(0, 8)}`,
    createdAt: new Date().toISOString(),
  };
  const started = performance.now();
  await a.collection.insert(entry);
  await arrived;
  return performance.now() - started;
}

async function handle(command: PairCommand): Promise<PairAnswer | null> {
  switch (command.kind) {
    case 'open': {
      const a = await openNodeTablet(command.url, command.a.token, 'point_entries');
      const b = await openNodeTablet(command.url, command.b.token, 'point_entries');
      pair = { a, b, device: command.a, memberId: command.memberId };
      return { kind: 'ready' };
    }
    case 'write':
      return { kind: 'written', ms: await propagate() };
    case 'close':
      await pair?.a.close();
      await pair?.b.close();
      process.exit(0);
  }
}

process.on('message', (command: PairCommand) => {
  handle(command).then(
    (answer) => answer && process.send?.(answer),
    (error: unknown) => process.send?.({ kind: 'failed', error: String(error) } satisfies PairAnswer),
  );
});
