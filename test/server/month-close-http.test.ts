import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, jstDate, startOfDay } from '../../src/domain/ledger/index.ts';
import type { PeriodClose, PointEntryDraft } from '../../src/protocol/index.ts';
import { periodCloseSchema } from '../../src/protocol/index.ts';
import { runCloseMonth } from '../../server/cli/close-month.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { earn, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/** The JST month `back` months before the current one, and noon on its 10th as an instant. */
function monthsAgo(back: number): { month: string; mid: string } {
  const first = addMonths(`${jstDate(new Date().toISOString()).slice(0, 7)}-01`, -back);
  return { month: first.slice(0, 7), mid: new Date(startOfDay(first) + 9 * 86_400_000 + 12 * 3_600_000).toISOString() };
}

/** CSV rows as cells (no cell here needs quoting). */
const csvRows = (text: string) => text.split('\r\n').map((line) => line.split(','));

describe(`/api/v1/closes and the close-month command (${backendName})`, () => {
  let h: ApiHarness;
  const [current, m1, m2, m3] = [0, 1, 2, 3].map(monthsAgo) as [ReturnType<typeof monthsAgo>, ReturnType<typeof monthsAgo>, ReturnType<typeof monthsAgo>, ReturnType<typeof monthsAgo>];
  const close = (month: unknown) => h.call('POST', '/api/v1/closes', { month });
  const at = (time: string, drafts: PointEntryDraft[]) => h.postAt(time, drafts);
  let late: PointEntryDraft;

  beforeAll(async () => {
    h = await openApiHarness();
    await at(m3.mid, [earn(500, { createdAt: m3.mid, ref: 'R1' }), earn(200, { memberId: MEMBER_2.id, createdAt: m3.mid, channel: 'ec', shopId: '', ref: 'R2' })]);
    await at(m2.mid, [earn(120, { createdAt: m2.mid, ref: 'R3' }), earn(90, { type: 'redeem', amountYen: 0, createdAt: m2.mid, ref: 'R4' })]);
    late = earn(33, { memberId: MEMBER_2.id, createdAt: m3.mid, offline: true, ref: 'R5' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('POST /api/v1/closes closes an ended month (201); the current month, a second time and a skipped month are 409', async () => {
    const notEnded = expectError(await close(current.month), 409, 'month-not-ended');
    expect(notEnded.details).toMatchObject({ month: current.month });

    const first = await close(m3.month);
    expect(first.status, first.text).toBe(201);
    const closed = periodCloseSchema.parse(first.body);
    expect(closed.snapshot).toMatchObject({ month: m3.month, opening: 0, movement: { earned: 700, net: 700 }, earnedByChannel: { store: 500, ec: 200 } });

    expectError(await close(m3.month), 409, 'already-closed');
    const skipped = expectError(await close(m1.month), 409, 'close-out-of-order');
    expect(skipped.details).toEqual({ month: m1.month, next: m2.month });
    expect(await h.count('period_closes')).toBe(1);
  });

  it('a late entry for a closed month appears in the next close, whose JSON and CSV carry the figures', async () => {
    await at(new Date().toISOString(), [late]);
    const posted = await close(m2.month);
    expect(posted.status, posted.text).toBe(201);
    const fetched = await h.call('GET', `/api/v1/closes/${m2.month}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(posted.body);
    const { snapshot } = periodCloseSchema.parse(fetched.body);
    expect(snapshot.late.entries.map((e) => [e.entryId, e.businessMonth, e.points])).toEqual([[late.id, m3.month, 33]]);
    expect(snapshot).toMatchObject({ opening: 700, movement: { earned: 153, redeemed: 90, net: 63 }, outstanding: { points: 763 } });
    expect(snapshot.redemptionRate).toBe(Math.round((90 / 153) * 10_000) / 10_000);

    const csv = await h.call('GET', `/api/v1/closes/${m2.month}.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toContain(`tenpo-close-${m2.month}.csv`);
    const rows = csvRows(csv.text);
    const figure = (name: string) => rows.find((r) => r[0] === name)?.[1];
    expect(rows[0]).toEqual(['figure', 'value']);
    expect(figure('month')).toBe(m2.month);
    expect(figure('opening')).toBe('700');
    expect(figure('movement.earned')).toBe('153');
    expect(figure('movement.redeemed')).toBe('90');
    expect(figure('redemptionRate')).toBe(String(snapshot.redemptionRate));
    expect(figure('outstanding.points')).toBe('763');
    expect(figure('outstanding.byLotAge.0-3m')).toBe(String(snapshot.outstanding.byLotAge['0-3m']));
    expect(figure('late.count')).toBe('1');
    for (const { month, points } of snapshot.outstanding.byExpiryMonth) expect(figure(`outstanding.byExpiryMonth.${month ?? 'never'}`)).toBe(String(points));
    // Every number in the snapshot is a row of its own.
    expect(rows.filter((r) => r.length === 2 && r[0] !== 'figure' && r[0] !== '').length).toBeGreaterThanOrEqual(30);
    expect(rows.find((r) => r[0] === 'late' && r[1] === late.id)).toEqual(['late', late.id, MEMBER_2.memberNo, 'earn', '33', '33', 'store', 'shop-a', 'device-test', m3.month, expect.any(String), expect.any(String), expect.any(String)]);
  });

  it('GET of a month not closed is 404; a malformed month is 400', async () => {
    expectError(await h.call('GET', `/api/v1/closes/${m1.month}`), 404, 'not-found');
    expectError(await h.call('GET', `/api/v1/closes/${m1.month}.csv`), 404, 'not-found');
    expectError(await h.call('GET', '/api/v1/closes/2026-13'), 400, 'invalid-request');
  });

  it('the close-month command closes, prints the snapshot, writes the CSV, and refuses twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenpo-close-'));
    try {
      const io = () => {
        const out: string[] = [];
        const err: string[] = [];
        return { out, err, io: { sql: h.sql, out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
      };
      const file = join(dir, 'close.csv');
      const run = io();
      expect(await runCloseMonth([m1.month, '--csv', file], run.io)).toBe(0);
      const printed = JSON.parse(run.out.join('')) as PeriodClose;
      expect(periodCloseSchema.parse(printed).month).toBe(m1.month);
      expect(await readFile(file, 'utf8')).toContain(`month,${m1.month}\r\n`);

      const again = io();
      expect(await runCloseMonth([m1.month], again.io)).toBe(1);
      expect(again.err.join('')).toMatch(/^already-closed/);

      const show = io();
      expect(await runCloseMonth([m1.month, '--show', '--csv', '-'], show.io)).toBe(0);
      expect(show.out.join('')).toMatch(/^figure,value\r\n/);
      expect(JSON.parse(show.err.join(''))).toEqual(printed);

      for (const args of [[], ['2026-1'], [m1.month, m2.month], [m1.month, '--bogus']]) {
        const usage = io();
        expect(await runCloseMonth(args, usage.io), args.join(' ')).toBe(2);
        expect(usage.err.join('')).toContain('usage:');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The API sees the command's close.
    expect((await h.call('GET', `/api/v1/closes/${m1.month}`)).status).toBe(200);
  });
});
