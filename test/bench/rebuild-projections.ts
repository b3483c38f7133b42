import { rebuildProjections } from '../../server/services/projections.ts';
import type { Sql } from '../../server/store/sql.ts';
import { median, type BenchRow } from './report.ts';

const RUNS = 5;

/**
 * Time to recompute every account from the ledger (and compare it with the
 * stored one), the command an auditor runs. Baseline: the floor of reading the
 * same ledger and summing it per member in one SQL aggregate, with no lots,
 * expiry, rank or comparison.
 */
export async function benchRebuild(sql: Sql): Promise<BenchRow> {
  const { rows } = await sql.query<{ n: number; m: number }>('select count(*)::int as n, count(distinct member_id)::int as m from point_entries');
  const { n: entries, m: members } = rows[0] ?? { n: 0, m: 0 };
  const rebuild: number[] = [];
  const floor: number[] = [];
  const now = new Date().toISOString();
  for (let run = 0; run < RUNS; run += 1) {
    let started = performance.now();
    const report = await rebuildProjections(sql, { now });
    rebuild.push(performance.now() - started);
    if (report.differences.length > 0) throw new Error(`rebuild found ${report.differences.length} differences in freshly loaded demo data`);
    started = performance.now();
    await sql.query(
      `select member_id, sum(case when type in ('earn','migration','transfer_in') or (type = 'adjust' and direction = 'credit') then points else -points end)
       from point_entries group by member_id`,
    );
    floor.push(performance.now() - started);
  }
  return {
    name: `rebuild all projections (${members.toLocaleString('en-US')} members, ${entries.toLocaleString('en-US')} entries)`,
    value: median(rebuild),
    baselineName: 'SQL sum per member',
    baseline: median(floor),
    unit: 'ms',
    better: 'lower',
    runs: RUNS,
    target: '',
    met: null,
  };
}
