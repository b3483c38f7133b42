import { expect } from 'vitest';
import type { PointEntryDraft } from '../../../src/protocol/index.ts';
import { errorBodySchema } from '../../../src/protocol/index.ts';
import { postEntries } from '../../../server/services/ledger.ts';
import { writeTransaction } from '../../../server/services/write-transaction.ts';
import { openHarness, type Harness } from './harness.ts';

/** TENPO_API_KEY of the API test harness. */
export const API_KEY = 'tnp_api_test_key_0001';
export const AUTH = { authorization: `Bearer ${API_KEY}` };

export interface ApiAnswer {
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, unknown>;
}

export interface ApiHarness extends Harness {
  /** One /api/v1 call through app.inject, with the API key unless `headers` replaces it. */
  call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** Rows in a table: what "nothing written" is checked with. */
  count(table: 'members' | 'point_entries' | 'period_closes' | 'api_member_requests' | 'purchases' | 'contacts' | 'member_links' | 'orders' | 'coupons'): Promise<number>;
  /** Posts drafts through the ledger as if the server's clock read `now`: history for a test. */
  postAt(now: string, drafts: PointEntryDraft[]): Promise<void>;
}

export async function openApiHarness(): Promise<ApiHarness> {
  const h = await openHarness({ apiKey: API_KEY });
  return {
    ...h,
    async call(method, url, payload, headers = AUTH) {
      const res = await h.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : typeof payload === 'string' ? { payload, headers: { ...headers, 'content-type': 'application/json' } } : { payload: payload as object }),
      });
      const text = res.body;
      let body: unknown = text;
      if (String(res.headers['content-type'] ?? '').startsWith('application/json')) body = JSON.parse(text) as unknown;
      return { status: res.statusCode, body, text, headers: res.headers };
    },
    async count(table) {
      const { rows } = await h.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      return rows[0]?.n ?? 0;
    },
    async postAt(now, drafts) {
      await writeTransaction(h.sql, h.notifier, (ctx) => postEntries(ctx, drafts, { now }));
    },
  };
}

/** An error answer: the status, the one error shape and the code. */
export function expectError(answer: ApiAnswer, status: number, code: string): { details?: unknown } {
  expect(answer.status, answer.text).toBe(status);
  const body = errorBodySchema.parse(answer.body);
  expect(body.error).toBe(code);
  expect(body.message).not.toBe('');
  return body;
}
