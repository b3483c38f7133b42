import { rebuildProjections } from '../services/projections.ts';
import { runCommand } from './cli-store.ts';

const SHOWN = 50;

/**
 * `npm run ledger:rebuild [-- --fix] [-- --now=…]`: recomputes every account
 * from the ledger and lists each difference from the stored one (member,
 * field, stored, computed). Exit code 1 when differences remain (without
 * --fix), so a cron job or CI notices.
 */
await runCommand(async (sql, { now, fix }) => {
  const report = await rebuildProjections(sql, { now, fix });
  const out = process.stdout;
  out.write(`Checked ${report.members} accounts against the ledger at ${report.now}: ${report.differences.length} differences.\n`);
  for (const d of report.differences.slice(0, SHOWN)) {
    out.write(`  ${d.memberNo} (${d.memberId}) ${d.field}: stored ${JSON.stringify(d.stored)}, ledger ${JSON.stringify(d.computed)}\n`);
  }
  if (report.differences.length > SHOWN) out.write(`  … and ${report.differences.length - SHOWN} more\n`);
  if (fix) out.write(`Fixed ${report.fixed} accounts.\n`);
  return report.differences.length > 0 && !fix ? 1 : 0;
});
