import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createResyncGate } from '../../src/sync/resync-gate.ts';

/** A replication stand-in: its initial pass, its active$ and the RESYNCs the gate let through. */
function replication() {
  let finishInitial: () => void = () => undefined;
  let failInitial: (error: unknown) => void = () => undefined;
  const initial = new Promise<void>((resolve, reject) => {
    finishInitial = resolve;
    failInitial = reject;
  });
  const active$ = new BehaviorSubject(false);
  let resyncs = 0;
  const gate = createResyncGate(initial, active$, () => {
    resyncs += 1;
  });
  return {
    gate,
    active$,
    finishInitial,
    failInitial,
    resyncs: () => resyncs,
  };
}

/** Lets the initial-replication promise's handlers run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('createResyncGate', () => {
  it('holds requests until the initial replication is in, then sends one', async () => {
    const r = replication();
    r.gate.request();
    r.gate.request();
    r.gate.request();
    expect(r.resyncs()).toBe(0);
    r.finishInitial();
    await settle();
    expect(r.resyncs()).toBe(1);
  });

  it('sends nothing after the initial replication when nobody asked', async () => {
    const r = replication();
    r.finishInitial();
    await settle();
    expect(r.resyncs()).toBe(0);
  });

  it('passes a request straight through when ready and idle', async () => {
    const r = replication();
    r.finishInitial();
    await settle();
    r.gate.request();
    expect(r.resyncs()).toBe(1);
    r.gate.request();
    expect(r.resyncs()).toBe(2);
  });

  it('waits while the replication is busy and folds requests made meanwhile into one', async () => {
    const r = replication();
    r.finishInitial();
    await settle();
    r.active$.next(true);
    r.gate.request();
    r.gate.request();
    expect(r.resyncs()).toBe(0);
    r.active$.next(false);
    expect(r.resyncs()).toBe(1);
    // Busy again and idle again with no new request: nothing more.
    r.active$.next(true);
    r.active$.next(false);
    expect(r.resyncs()).toBe(1);
  });

  it('needs both: initial replication done AND idle', async () => {
    const r = replication();
    r.active$.next(true);
    r.gate.request();
    r.finishInitial();
    await settle();
    expect(r.resyncs()).toBe(0);
    r.active$.next(false);
    expect(r.resyncs()).toBe(1);
  });

  it('never sends when the replication was cancelled before its initial pass finished', async () => {
    const r = replication();
    r.gate.request();
    r.failInitial(new Error('canceled'));
    await settle();
    r.active$.next(true);
    r.active$.next(false);
    expect(r.resyncs()).toBe(0);
  });

  it('stops following active$ once closed', async () => {
    const r = replication();
    r.finishInitial();
    await settle();
    r.active$.next(true);
    r.gate.request();
    r.gate.close();
    r.active$.next(false);
    expect(r.resyncs()).toBe(0);
    expect(r.active$.observed).toBe(false);
  });
});
