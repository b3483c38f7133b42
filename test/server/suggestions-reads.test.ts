import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../src/domain/jan.ts';
import { suggestionsSchema } from '../../src/protocol/index.ts';
import { SUGGEST } from '../../server/services/suggestions.ts';
import { openApiHarness, type ApiHarness } from './helpers/api.ts';
import { SHOP_A } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

const jan = (n: number) => withCheckDigit(`457000000${String(n).padStart(3, '0')}`);
const TEE = { S: jan(1), M: jan(2) };
const CAP = jan(11);
const BAG = jan(12);
// The rest of the chain's history: products no one near the member bought, and in-store codes.
const OTHER_STYLE = [jan(101), jan(102), jan(103)];
const IN_STORE_CODES = ['20000017', '20000024'];
const UNRELATED_MEMBERS = 12;
const PURCHASES_EACH = 8;

const variant = (code: string, size: string) => ({ styleCode: code, styleName: code, size, colour: '黒' });
const PRODUCTS = [
  { jan: TEE.S, name: 'T S', price: 2900, ...variant('TEE', 'S') },
  { jan: TEE.M, name: 'T M', price: 2900, ...variant('TEE', 'M') },
  { jan: CAP, name: 'キャップ', price: 1900 },
  { jan: BAG, name: 'トート', price: 2500 },
  ...OTHER_STYLE.map((j, i) => ({ jan: j, name: `パーカー ${i}`, price: 6900, ...variant('HOODIE', String(i)) })),
];

type Plan = Record<string, unknown> & { Plans?: Plan[] };

function planNodes(plan: Plan): Plan[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * Suggestions must cost what the member and their co-buyers bought, not what
 * the whole chain ever sold. No timing: the answer is checked with a history
 * of unrelated purchases around it, and the plan is checked for how it reads
 * the purchase tables.
 */
describe(`suggestions read the member's neighbourhood only (${backendName})`, () => {
  let h: ApiHarness;
  const members: Record<string, { id: string; memberNo: string }> = {};
  let serial = 0;
  const newMember = async (name: string) => {
    const made = await h.call('POST', '/api/v1/members', { name: `読み ${name}`, nameKana: 'ヨミ' });
    expect(made.status, made.text).toBe(201);
    members[name] = made.body as { id: string; memberNo: string };
  };
  const buy = async (who: string, jans: string[]) => {
    serial += 1;
    const answer = await h.call('POST', '/api/v1/purchases', {
      idempotencyKey: `reads-${String(serial).padStart(4, '0')}`,
      member: { memberNo: members[who]?.memberNo },
      channel: 'store',
      shopId: SHOP_A,
      ref: `R-${serial}`,
      at: new Date(Date.UTC(2026, 3, 1) + serial * 60_000).toISOString(),
      lines: jans.map((j) => ({ jan: j, quantity: 1, amountYen: 1000 })),
    });
    expect(answer.status, answer.text).toBe(201);
  };
  const suggest = async () => {
    const answer = await h.call('GET', `/api/v1/members/${members.me?.memberNo}/suggestions`);
    expect(answer.status, answer.text).toBe(200);
    return suggestionsSchema.parse(answer.body).suggestions.map((s) => [s.jan, s.score, s.because.jan]);
  };

  beforeAll(async () => {
    h = await openApiHarness();
    expect((await h.call('PUT', '/api/v1/products', PRODUCTS)).status).toBe(200);
    for (const name of ['me', 'a', 'b']) await newMember(name);
    await buy('me', [TEE.M]);
    await buy('a', [TEE.S, CAP]);
    await buy('b', [TEE.M, CAP, BAG]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives the same answer with the unrelated history of the chain around it', async () => {
    const expected = [
      [CAP, 2, TEE.M],
      [BAG, 1, TEE.M],
    ];
    expect(await suggest()).toEqual(expected);
    for (let m = 0; m < UNRELATED_MEMBERS; m += 1) {
      await newMember(`other-${m}`);
      for (let p = 0; p < PURCHASES_EACH; p += 1) {
        await buy(`other-${m}`, [OTHER_STYLE[(m + p) % OTHER_STYLE.length] ?? '', IN_STORE_CODES[p % 2] ?? '']);
      }
    }
    const { rows } = await h.sql.query<{ n: number }>('select count(*)::int as n from purchase_lines');
    expect(rows[0]?.n).toBe(2 * UNRELATED_MEMBERS * PURCHASES_EACH + 6);
    expect(await suggest()).toEqual(expected);
  });

  /**
   * On a few hundred rows the planner rightly prefers a sequential scan, so
   * the plan is asked for with sequential scans disabled: that asks whether
   * the query can be answered through indexes at all. A read that needs every
   * row still shows as a Seq Scan, or as an index scan with no condition; the
   * old query (the jsonb of every purchase) fails this check.
   */
  it('reads purchase_lines and purchases only through index conditions', async () => {
    const plan = await h.sql.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: Plan }] }>(`explain (format json) ${SUGGEST}`, [[members.me?.id]]);
      return rows[0]?.['QUERY PLAN'][0].Plan;
    });
    const reads = planNodes(plan ?? {}).filter(
      (node) => ['purchase_lines', 'purchases'].includes(String(node['Relation Name'])) || /^(purchase_lines|purchases)_/.test(String(node['Index Name'])),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const node of reads) {
      expect(node['Node Type'], JSON.stringify(node)).not.toBe('Seq Scan');
      if (String(node['Node Type']).includes('Index Scan')) expect(node['Index Cond'], JSON.stringify(node)).toBeDefined();
    }
  });
});
