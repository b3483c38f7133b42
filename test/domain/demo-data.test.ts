import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidJan } from '../../src/domain/jan.ts';
import { normalisePhone } from '../../src/domain/phone.ts';
import { pointsForPurchase, signedPoints } from '../../src/domain/points.ts';
import { memberSchema, pointEntrySchema, productSchema, stockSchema } from '../../src/protocol/documents.ts';
import { DEMO_BASE_TIME, generateDemoData, type DemoData } from '../../server/demo/generate.ts';

const sha256 = (data: DemoData): string => createHash('sha256').update(JSON.stringify(data)).digest('hex');
const BASE = Date.parse(DEMO_BASE_TIME);
const YEAR = 365 * 24 * 3600 * 1000;
const KATAKANA_NAME = /^[\u30a1-\u30fc]+ [\u30a1-\u30fc]+$/;

/** Lists what failed rather than stopping at the first, so one test run shows the whole damage. */
function failures<T>(items: readonly T[], schema: z.ZodType): string[] {
  return items.flatMap((item, i) => {
    const result = schema.safeParse(item);
    return result.success ? [] : [`#${i}: ${result.error.message}`];
  });
}

describe('generateDemoData', () => {
  const started = performance.now();
  const data = generateDemoData();
  const elapsedMs = performance.now() - started;
  const byId = new Map(data.members.map((m) => [m.id, m]));

  it('is deterministic: the same seed gives byte-identical output, another seed other data', () => {
    const a = generateDemoData({ members: 2000, seed: 7 });
    const b = generateDemoData({ members: 2000, seed: 7 });
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(generateDemoData({ members: 2000, seed: 8 }))).not.toBe(sha256(a));
    expect(sha256(data)).toBe(sha256(generateDemoData({ members: 10_000, seed: 1 })));
  });

  it('keeps products and stock the same whatever the member count', () => {
    const small = generateDemoData({ members: 50 });
    expect(small.products).toEqual(data.products);
    expect(small.stock).toEqual(data.stock);
  });

  it('makes 10,000 members well within two seconds', () => {
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('has 3 shops, 1 EC warehouse, N members, 500 products and stock for each at each location', () => {
    expect(data.locations.filter((l) => l.kind === 'store')).toHaveLength(3);
    expect(data.locations.filter((l) => l.kind === 'warehouse')).toEqual([{ id: 'ec-warehouse', kind: 'warehouse', name: 'EC倉庫' }]);
    expect(data.members).toHaveLength(10_000);
    expect(data.products).toHaveLength(500);
    expect(data.stock).toHaveLength(500 * 4);
    expect(generateDemoData({ members: 0 }).members).toEqual([]);
  });

  it('makes members that pass the wire schema, with sequential 10-digit numbers and UUID ids', () => {
    expect(failures(data.members, memberSchema)).toEqual([]);
    expect(failures(data.members.map((m) => m.id), z.uuid())).toEqual([]);
    expect(new Set(data.members.map((m) => m.id)).size).toBe(data.members.length);
    data.members.forEach((m, i) => expect(m.memberNo).toBe(String(2_000_000_001 + i)));
    expect(data.members.every((m) => Date.parse(m.updatedAt) < BASE)).toBe(true);
  });

  it('writes kana readings in full-width katakana, "ヤマダ タロウ" style', () => {
    const bad = data.members.filter((m) => !KATAKANA_NAME.test(m.nameKana));
    expect(bad).toEqual([]);
    expect(data.members.every((m) => / /.test(m.name))).toBe(true);
  });

  it('keeps phones as a legacy system spelled them, and the document phone in E.164', () => {
    for (const m of data.members) {
      if (m.rawPhone === '') expect(m.phone).toBe('');
      else expect(normalisePhone(m.rawPhone)).toBe(m.phone);
      if (m.phone !== '') expect(m.phone).toMatch(/^\+81[789]0[1-9]\d{7}$/);
    }
    const raw = data.members.map((m) => m.rawPhone).filter((p) => p !== '');
    expect(raw.length / data.members.length).toBeGreaterThan(0.85);
    expect(raw.some((p) => /^0[789]0-\d{4}-\d{4}$/.test(p))).toBe(true);
    expect(raw.some((p) => /^0[789]0\d{8}$/.test(p))).toBe(true);
    expect(raw.some((p) => /^[０-９]{11}$/.test(p))).toBe(true);
    expect(raw.some((p) => p.startsWith('+81 '))).toBe(true);
  });

  it('gives about 40% of members a unique example-domain e-mail, some in upper case', () => {
    const emails = data.members.map((m) => m.email).filter((e) => e !== '');
    expect(emails.length / data.members.length).toBeGreaterThan(0.35);
    expect(emails.length / data.members.length).toBeLessThan(0.45);
    expect(emails.every((e) => /^[a-z0-9._-]+@example\.(jp|com|net|org)$/i.test(e))).toBe(true);
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(emails.length);
    expect(emails.some((e) => e !== e.toLowerCase())).toBe(true);
  });

  it('spreads home shops over the three shops, with some EC-only members', () => {
    const shops = new Set(data.members.map((m) => m.homeShopId));
    expect(shops).toEqual(new Set(['shop-shibuya', 'shop-umeda', 'shop-tenjin', '']));
  });

  it('plants about 0.5% duplicates that really share a normalised phone or a kana reading', () => {
    expect(data.duplicates.length).toBeGreaterThanOrEqual(40);
    expect(data.duplicates.length).toBeLessThanOrEqual(60);
    for (const pair of data.duplicates) {
      const original = byId.get(pair.originalId);
      const duplicate = byId.get(pair.duplicateId);
      if (!original || !duplicate) throw new Error(`pair of unknown members: ${JSON.stringify(pair)}`);
      expect(duplicate.memberNo).not.toBe(original.memberNo);
      expect(original.memberNo).toBe(pair.originalMemberNo);
      expect(duplicate.memberNo).toBe(pair.duplicateMemberNo);
      if (pair.reason !== 'variant-kanji') {
        expect(duplicate.phone).not.toBe('');
        expect(duplicate.phone).toBe(original.phone);
        expect(duplicate.rawPhone).not.toBe(original.rawPhone);
      }
      if (pair.reason !== 'same-phone') {
        expect(duplicate.nameKana).toBe(original.nameKana);
        expect(duplicate.name).not.toBe(original.name);
      }
    }
    expect(new Set(data.duplicates.map((p) => p.reason)).size).toBe(3);
    expect(generateDemoData({ members: 300 }).duplicates.length).toBeGreaterThan(0);
  });

  it('makes point entries that pass the wire schema and never take a balance below zero', () => {
    expect(failures(data.pointEntries, pointEntrySchema)).toEqual([]);
    expect(new Set(data.pointEntries.map((e) => e.id)).size).toBe(data.pointEntries.length);
    const balances = new Map<string, number>();
    const perMember = new Map<string, number>();
    const problems: string[] = [];
    let previous = '';
    for (const entry of data.pointEntries) {
      const wrong = (what: string): number => problems.push(`${entry.id}: ${what}`);
      const at = Date.parse(entry.createdAt);
      if (entry.createdAt < previous) wrong('out of createdAt order');
      previous = entry.createdAt;
      if (!byId.has(entry.memberId)) wrong('unknown member');
      if (at >= BASE || at < BASE - YEAR) wrong(`createdAt ${entry.createdAt} outside the year before the base date`);
      if (entry.type === 'earn' && entry.points !== pointsForPurchase(entry.amountYen)) wrong('earn points ≠ floor(amount / 100)');
      if (entry.type === 'redeem' && entry.amountYen !== 0) wrong('redeem with an amount');
      if (entry.deviceId !== 'demo') wrong('device id');
      if (entry.channel === 'ec' ? entry.shopId !== '' : !entry.shopId.startsWith('shop-')) wrong('channel/shop mismatch');
      const balance = (balances.get(entry.memberId) ?? 0) + signedPoints(entry);
      if (balance < 0) wrong(`balance ${balance}`);
      balances.set(entry.memberId, balance);
      perMember.set(entry.memberId, (perMember.get(entry.memberId) ?? 0) + 1);
    }
    expect(problems).toEqual([]);
    expect(Math.max(...perMember.values())).toBeLessThanOrEqual(8);
    expect(perMember.size).toBeLessThan(data.members.length); // some members have no history
    expect(data.pointEntries.some((e) => e.type === 'redeem')).toBe(true);
    expect(data.pointEntries.some((e) => e.channel === 'ec')).toBe(true);
  });

  it('makes 500 products with valid, unique JANs (45/49) and shelf prices', () => {
    expect(failures(data.products, productSchema)).toEqual([]);
    expect(data.products.every((p) => isValidJan(p.jan) && p.id === p.jan && /^4[59]/.test(p.jan))).toBe(true);
    expect(new Set(data.products.map((p) => p.jan)).size).toBe(500);
    expect(data.products.every((p) => p.priceYen >= 990 && p.priceYen % 10 === 0)).toBe(true);
    expect(data.products.every((p) => p.name.includes(p.colour) && p.nameKana.includes(p.colour))).toBe(true);
  });

  it('groups products as size × colour variants of a style', () => {
    const styles = new Map<string, { sizes: Set<string>; colours: Set<string>; prices: Set<number> }>();
    for (const p of data.products) {
      const style = styles.get(p.styleCode) ?? { sizes: new Set(), colours: new Set(), prices: new Set() };
      style.sizes.add(p.size);
      style.colours.add(p.colour);
      style.prices.add(p.priceYen);
      styles.set(p.styleCode, style);
    }
    expect(styles.size).toBeGreaterThan(20);
    expect([...styles.values()].some((s) => s.sizes.size > 1 && s.colours.size > 1)).toBe(true);
    expect([...styles.values()].every((s) => s.prices.size === 1)).toBe(true);
  });

  it('stocks every product at every location, some sold out', () => {
    expect(failures(data.stock, stockSchema)).toEqual([]);
    const ids = new Set(data.stock.map((s) => s.id));
    for (const p of data.products) for (const l of data.locations) expect(ids.has(`${p.jan}@${l.id}`)).toBe(true);
    expect(data.stock.every((s) => s.onHand <= 30 && s.reserved === 0)).toBe(true);
    expect(data.stock.some((s) => s.onHand === 0)).toBe(true);
  });
});
