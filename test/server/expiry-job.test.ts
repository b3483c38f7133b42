import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryKey } from '../../src/domain/ledger/index.ts';
import { startDailyJob } from '../../server/jobs/daily.ts';
import { runExpiry } from '../../server/jobs/expiry.ts';
import { MEMBER_2, SHOP_B } from './helpers/fixture.ts';
import { draft, jst, openLedger, type LedgerHarness } from './helpers/ledger.ts';
import { backendName } from './helpers/test-store.ts';

describe(`expiry job (${backendName})`, () => {
  let h: LedgerHarness;
  beforeAll(async () => {
    h = await openLedger();
  });
  afterAll(async () => {
    await h.close();
  });

  // Default policy: every lot expires 12 months after the member's last earn or redeem.
  const T = jst('2026-01-10 12:00');
  const campaign = draft('earn', 40, T, { expiresOn: '2026-02-28', campaignId: 'winter', shopId: SHOP_B });
  const regular = draft('earn', 200, T);

  it('expires a fixed-date campaign lot once its day is over, and nothing else', async () => {
    await h.post([campaign, regular], T);
    expect(await h.account()).toMatchObject({ balance: 240, available: 240, lots: [{ expiresOn: '2026-02-28', points: 40 }, { expiresOn: '2027-01-10', points: 200 }] });
    const onTheDay = await runExpiry(h.sql, { now: jst('2026-02-28 23:00'), notifier: h.notifier });
    expect(onTheDay).toMatchObject({ posted: 0 });

    const run = await runExpiry(h.sql, { now: jst('2026-03-01 03:00'), notifier: h.notifier });
    expect(run).toMatchObject({ posted: 1, points: 40 });
    const id = expiryKey(campaign.id, '2026-02-28');
    // Dated when the points stopped being usable, reported where they were earned.
    expect(await h.entry(id)).toMatchObject({ type: 'expire', points: 40, lotId: campaign.id, expiresOn: '2026-02-28', shopId: SHOP_B, at: jst('2026-03-01 00:00') });
    expect(await h.account()).toMatchObject({ balance: 200, available: 200, lots: [{ expiresOn: '2027-01-10', points: 200 }] });
  });

  it('posts each expiry once however often it runs', async () => {
    const now = jst('2027-02-01 03:00');
    const first = await runExpiry(h.sql, { now, notifier: h.notifier });
    const again = await runExpiry(h.sql, { now, notifier: h.notifier });
    expect(first).toMatchObject({ posted: 1, points: 200 });
    expect(again).toMatchObject({ posted: 0, points: 0 });
    expect(await h.entry(expiryKey(regular.id, '2027-01-10'))).toMatchObject({ points: 200 });
    expect(await h.account()).toMatchObject({ balance: 0, available: 0, lots: [], debt: 0, flaggedEntryIds: [] });
  });

  it('runs on a timer shortly after start and refreshes accounts that time has moved', async () => {
    const T2 = jst('2026-06-01 12:00');
    await h.setPolicy({ vestingDays: 3 });
    await h.postOne(draft('earn', 70, T2, { memberId: MEMBER_2.id }), T2);
    expect(await h.account(MEMBER_2.id)).toMatchObject({ balance: 70, available: 0 });
    const messages: string[] = [];
    // The job logs once per run: wait for that, not for a guessed delay.
    let ran: () => void = () => undefined;
    const firstRun = new Promise<void>((resolve) => {
      ran = resolve;
    });
    const record = (message: string): void => {
      messages.push(message);
      ran();
    };
    const job = startDailyJob({
      sql: h.sql,
      notifier: h.notifier,
      log: { info: (_f, m) => record(m), error: (_f, m) => record(m) },
      firstRunMs: 1,
      clock: () => new Date(jst('2026-06-05 12:00')),
    });
    await firstRun;
    await job.stop();
    expect(messages).toEqual([expect.stringContaining('accounts refreshed')]);
    expect(await h.account(MEMBER_2.id)).toMatchObject({ balance: 70, available: 70 });
    expect(await job.runNow()).toBeUndefined();
  });
});
