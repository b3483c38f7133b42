import { createInProcessNotifier } from '../fanout/notifier.ts';
import { autoResolve } from '../services/identity/auto-resolve.ts';
import { runCommand } from './cli-store.ts';

/**
 * `npm run identity:resolve`: 名寄せ's automatic band. Merges members that
 * share an identifier verified on both records (or a LINE user), the older
 * member number surviving, and counts the pairs left for HQ's review queue
 * (#/hq/merges). Safe to run again: each pair merges once.
 */
await runCommand(async (sql, { now }) => {
  const notifier = createInProcessNotifier();
  const run = await autoResolve({ sql, notifier }, { now });
  await notifier.close();
  for (const merge of run.merged) process.stdout.write(`Merged ${merge.mergedNo} into ${merge.survivorNo} (${merge.reasons.join(', ')}).\n`);
  process.stdout.write(`Auto-merged ${run.merged.length} pairs; moved ${run.swept} late lots to survivors; ${run.review} pairs wait for review.\n`);
  return 0;
});
