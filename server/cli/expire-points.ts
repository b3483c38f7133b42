import { createInProcessNotifier } from '../fanout/notifier.ts';
import { runExpiry } from '../jobs/expiry.ts';
import { runCommand } from './cli-store.ts';

/**
 * `npm run points:expire [-- --now=2027-01-01T00:00:00+09:00]`: posts the
 * expire entries due at `now`, once however often it runs (the server's
 * daily job does the same on a timer).
 */
await runCommand(async (sql, { now }) => {
  const notifier = createInProcessNotifier();
  const run = await runExpiry(sql, { now, notifier });
  await notifier.close();
  process.stdout.write(`Expired ${run.points} points in ${run.posted} entries (${run.members} members checked at ${run.now}).\n`);
  return 0;
});
