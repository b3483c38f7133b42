import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../src/domain/jan.ts';
import { type ChangeBatch, createTailer } from '../../server/fanout/tailer.ts';
import type { Sql } from '../../server/store/sql.ts';
import { backendName, openTestStore } from './helpers/test-store.ts';

describe(`collection tailer (${backendName})`, () => {
  let sql: Sql;
  let next = 0;
  beforeAll(async () => {
    sql = await openTestStore();
  });
  afterAll(async () => {
    await sql.close();
  });

  const addProducts = async (count: number): Promise<string[]> => {
    const jans: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const jan = withCheckDigit(`4920000${String((next += 1)).padStart(5, '0')}`);
      await sql.query('insert into products (jan, name, price_yen) values ($1, $2, 1)', [jan, jan]);
      jans.push(jan);
    }
    return jans;
  };

  const tail = async (pageSize: number) => {
    const batches: ChangeBatch[] = [];
    const tailer = createTailer({
      sql,
      collection: 'products',
      pageSize,
      onBatch: (batch) => {
        batches.push(batch);
      },
      onError: (error) => {
        throw error;
      },
    });
    await tailer.start();
    return { tailer, batches };
  };

  it('starts after the newest row: what came before is for pull', async () => {
    await addProducts(3);
    const { tailer, batches } = await tail(100);
    tailer.poke();
    await tailer.idle();
    expect(batches).toEqual([]);
    tailer.stop();
  });

  it('merges nudges that arrive while it reads, and delivers each row exactly once', async () => {
    const { tailer, batches } = await tail(100);
    const jans = await addProducts(4);
    tailer.poke();
    tailer.poke();
    tailer.poke();
    await tailer.idle();
    const delivered = batches.flatMap((b) => b.documents.map((d) => d.id));
    expect(delivered).toEqual(jans);
    expect(batches.length).toBeLessThanOrEqual(2);
    tailer.stop();
  });

  it('pages a large change and moves the checkpoint forward with every page', async () => {
    const { tailer, batches } = await tail(2);
    const jans = await addProducts(5);
    tailer.poke();
    await tailer.idle();
    expect(batches.map((b) => b.documents.length)).toEqual([2, 2, 1]);
    expect(batches.flatMap((b) => b.documents.map((d) => d.id))).toEqual(jans);
    const seqs = batches.map((b) => b.checkpoint.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(batches.at(-1)?.checkpoint.id).toBe(jans.at(-1));
    tailer.stop();
  });

  it('delivers a batch again when its delivery failed (a scope that could not be read), and waits for an async one', async () => {
    const attempts: string[][] = [];
    const failures: unknown[] = [];
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    const tailer = createTailer({
      sql,
      collection: 'products',
      retryMs: 5,
      onBatch: async (batch) => {
        attempts.push(batch.documents.map((d) => d.id));
        await Promise.resolve();
        if (attempts.length === 1) throw new Error('scope read failed');
        delivered();
      },
      onError: (error) => failures.push(error),
    });
    await tailer.start();
    const jans = await addProducts(2);
    tailer.poke();
    await done;
    await tailer.idle();
    expect(failures).toHaveLength(1);
    expect(attempts).toEqual([jans, jans]);
    tailer.stop();
  });
});
