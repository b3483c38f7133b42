import type { ChangeNotifier } from '../fanout/notifier.ts';
import type { Queryable, Sql } from '../store/sql.ts';
import { devicePolicy } from './staff/approval.ts';
import { writeTransaction } from './write-transaction.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The start of the device window for timeline items at `now`: an item older
 * than the device policy's timelineWindowDays is kept off the tablets (issue 9,
 * minimal data on the device). An ISO time.
 */
export async function timelineWindowStart(sql: Queryable, now: string | Date = new Date()): Promise<string> {
  const { timelineWindowDays } = await devicePolicy(sql);
  return new Date(new Date(now).getTime() - timelineWindowDays * DAY_MS).toISOString();
}

/**
 * The daily job's part: purchases and contacts that have aged out of the
 * window become off_device. The update gives each a new seq, so tablets pull
 * (and streams push) it as a tombstone without its text; /api/v1 still
 * answers it whole. Returns how many items left the devices.
 */
export async function ageTimeline(sql: Sql, notifier: ChangeNotifier, now: string): Promise<number> {
  return writeTransaction(sql, notifier, async ({ tx, changed }) => {
    const start = await timelineWindowStart(tx, now);
    let aged = 0;
    for (const table of ['purchases', 'contacts']) {
      const { rows } = await tx.query<{ n: number }>(
        `with aged as (update ${table} set off_device = true, updated_at = now() where not off_device and at < $1 returning 1)
         select count(*)::int as n from aged`,
        [start],
      );
      aged += rows[0]?.n ?? 0;
    }
    if (aged > 0) changed.add('timeline');
    return aged;
  });
}
