import { describe, expect, it } from 'vitest';
import { isOpenOrder } from '../../src/domain/order-status.ts';
import { profileTimeline, windowStart } from '../../src/domain/profile-timeline.ts';
import type { Order, PointEntry, TimelineDoc, TimelineItem } from '../../src/protocol/index.ts';

const ME = 'member-1';
const OLD_RECORD = 'member-2';

function doc(id: string, at: string, memberId = ME): TimelineDoc {
  const contact = id.startsWith('contact:');
  return {
    id,
    memberId,
    kind: contact ? 'contact' : 'purchase',
    channel: contact ? 'line' : 'store',
    at,
    shopId: contact ? '' : 'shop-a',
    ref: contact ? '' : 'R-1',
    totalYen: contact ? 0 : 1_000,
    lines: contact ? [] : [{ jan: '4901234567894', name: 'Socks', quantity: 2, amountYen: 1_000 }],
    summary: contact ? 'asked about sizes' : '',
    staff: '',
    updatedAt: at,
  };
}

function entry(id: string, createdAt: string, extra: Partial<PointEntry> = {}): PointEntry {
  return { id, memberId: ME, type: 'redeem', points: 50, amountYen: 0, channel: 'store', shopId: 'shop-a', deviceId: 'd', staffId: '', ref: '', createdAt, ...extra };
}

function order(id: string, createdAt: string, status: Order['status']): Order {
  return {
    id,
    jan: '4901234567894',
    quantity: 1,
    fromLocation: 'shop-b',
    shopId: 'shop-a',
    fulfilment: 'pickup',
    memberId: ME,
    status,
    reason: '',
    alternatives: [],
    channel: 'store',
    deviceId: 'd',
    staffId: '',
    offline: false,
    createdAt,
    updatedAt: createdAt,
  };
}

describe('the profile timeline', () => {
  const since = windowStart('2026-12-01T00:00:00.000Z', 90);

  it('merges every source newest first, with times in any offset compared as instants', () => {
    const items = profileTimeline(
      {
        docs: [doc('purchase:p1', '2026-11-20T10:00:00+09:00'), doc('contact:c1', '2026-11-20T02:00:00.000Z', OLD_RECORD)],
        entries: [entry('e1', '2026-11-20T01:30:00.000Z', { postingNo: 3 }), entry('e2', '2026-11-21T00:00:00.000Z')],
        orders: [order('o1', '2026-11-19T00:00:00.000Z', 'confirmed')],
      },
      { memberId: ME, since },
    );
    expect(items.map((item) => [item.kind, item.id])).toEqual([
      ['points', 'e2'],
      ['contact', 'c1'],
      ['points', 'e1'],
      ['purchase', 'p1'],
      ['order', 'o1'],
    ]);
    // A redemption takes points; the unposted one is pending; the merged record's note is marked.
    expect(items[0]).toMatchObject({ points: -50, pending: true, merged: false });
    expect(items[1]).toMatchObject({ channel: 'line', summary: 'asked about sizes', merged: true });
    expect(items[2]).toMatchObject({ pending: false });
    expect(items[3]).toMatchObject({ channel: 'store', ref: 'R-1', totalYen: 1_000 });
  });

  it('leaves out purchases and contacts older than the window, but not the ledger', () => {
    const items = profileTimeline(
      { docs: [doc('purchase:old', '2026-08-01T00:00:00.000Z')], entries: [entry('e-old', '2026-08-01T00:00:00.000Z')], orders: [] },
      { memberId: ME, since },
    );
    expect(items.map((item) => item.id)).toEqual(['e-old']);
  });

  it('appends older pages read online once, keeping the tablet copy of a row it holds', () => {
    const older: TimelineItem[] = [
      { kind: 'points', channel: 'store', id: 'e1', at: '2026-08-01T00:00:00.000Z', type: 'redeem', points: -50, ref: '' },
      { kind: 'purchase', channel: 'ec', id: 'p-old', at: '2026-07-01T00:00:00.000Z', ref: 'EC-9', shopId: '', totalYen: 2_000, lines: [] },
    ];
    const items = profileTimeline({ docs: [], entries: [entry('e1', '2026-08-01T00:00:00.000Z')], orders: [] }, { memberId: ME, since, older });
    expect(items.map((item) => [item.id, item.pending])).toEqual([
      ['e1', true],
      ['p-old', false],
    ]);
  });

  it('counts an order open until it is handed over, refused or cancelled', () => {
    expect(['pending', 'confirmed', 'ready', 'shipped'].every((status) => isOpenOrder(status as Order['status']))).toBe(true);
    expect(['completed', 'refused', 'cancelled'].some((status) => isOpenOrder(status as Order['status']))).toBe(false);
  });
});
