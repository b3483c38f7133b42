import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/protocol/index.ts';
import { API_KEY } from './helpers/api.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

interface Route {
  method: string;
  path: string;
}

/** Every route of the app, read from Fastify's own route table (printRoutes), so a new route is fuzzed without touching this file. */
function routesOf(table: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of table.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match?.[2]) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2]);
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) routes.push({ method, path: stack.join('') });
  }
  return routes;
}

const FIELDS = [
  'code', 'deviceName', 'memberId', 'memberNo', 'name', 'nameKana', 'phone', 'email', 'idempotencyKey', 'type', 'points', 'channel', 'ref',
  'jan', 'price', 'location', 'onHand', 'quantity', 'fromLocation', 'fulfilment', 'status', 'publicKey', 'x', 'y', 'month', 'keepId', 'mergeId',
  'newDocumentState', 'assumedMasterState', 'id', '_deleted', 'shopId', 'reason', 'candidates', '__proto__', 'constructor', 'prototype',
  'member', 'lineUserId', 'ecAccountId', 'at', 'lines', 'amountYen', 'summary', 'staff',
];
const HOSTILE_STRINGS = [
  "' or 1=1 --", "'; drop table members; --", '%00', '\u0000', '\ud800', '🧨'.repeat(50), '１２３４５６７８９０', '../../etc/passwd', '$where', '{"$gt":""}',
  '-1', '1e309', 'NaN', 'Infinity', '9'.repeat(400), 'null', 'true', '<script>alert(1)</script>', 'ｱｲｳ', '\u202e', ' '.repeat(1000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
  fc.nat({ max: 300_000 }).map((n) => 'x'.repeat(n)),
);
const leaf = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, -1, 0, 2 ** 53, -(2 ** 63), 1e308),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 6 }),
  ),
}));
/** Objects shaped like real requests: the right field names, the wrong everything else. */
const nearMiss = fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { minKeys: 1, maxKeys: 8 });

type Body = { payload: string | Buffer; contentType: string };
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.oneof(hostileValue, nearMiss, fc.array(nearMiss, { maxLength: 4 })).map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
  nearMiss.map((v) => ({ payload: JSON.stringify(v).replace('{', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},'), contentType: 'application/json' })),
  fc.nat({ max: 20_000 }).map((d) => ({ payload: deep(d, '[', ']'), contentType: 'application/json' })),
  fc.nat({ max: 20_000 }).map((d) => ({ payload: deep(d, '{"a":', '}').replace(/}+$/, (m) => '1' + m), contentType: 'application/json' })),
  // Just over the 1 MB body limit, and the 20 MB of the member import.
  fc.constantFrom(1024 * 1024 + 1, 21 * 1024 * 1024).map((n) => ({ payload: `"${'x'.repeat(n)}"`, contentType: 'application/json' })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ payload: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(bytes), Buffer.from('"}')]), contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ payload: s, contentType: 'application/json' })),
  fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv', 'application/xml', 'application/json; charset=latin1', ''), hostileString).map(([contentType, payload]) => ({ payload, contentType })),
);

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD); `raw:` values go in as they are: broken escapes like %ff. */
const encodeSegment = (value: string) =>
  value.startsWith('raw:') ? value.slice(4) : [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
const COLLECTIONS = ['members', 'point_entries', 'stock', 'orders', 'settings', 'devices', 'audit_events', 'card_migrations'];
const segment = fc.oneof(fc.constantFrom(...COLLECTIONS, '1000000001', '4901234567894', 'line', 'ec', `U${'0'.repeat(32)}`, '2026-01', '..', 'raw:%2e%2e', 'raw:%00', 'raw:%ff', 'raw:%', 'raw:%E0%A4%A', "'", '__proto__', 'constructor'), hostileString.filter((s) => s.length < 3000));
const query = fc.dictionary(fc.oneof(fc.constantFrom('phone', 'email', 'seq', 'id', 'limit', 'month', 'status', '__proto__', 'constructor', 'q', 'since', 'shop', 'lineUserId', 'ecAccountId', 'before', 'shopId'), fc.string({ maxLength: 6 })), fc.oneof(hostileString.filter((s) => s.length < 3000), fc.constant('')), { maxKeys: 4 });
const auth = fc.constantFrom('valid', 'valid', 'valid', 'none', 'garbage');

describe(`fuzz: hostile input to every endpoint (${backendName})`, () => {
  let h: Harness;
  let routes: Route[];
  let tables: string[];
  let sent = 0;
  beforeAll(async () => {
    h = await openHarness({ apiKey: API_KEY });
    routes = routesOf(h.app.printRoutes({ commonPrefix: false }));
    const { rows } = await h.sql.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
    tables = rows.map((r) => r.name);
  });
  afterAll(async () => {
    await h.close();
  });

  const counts = async (): Promise<Record<string, number>> => {
    const { rows } = await h.sql.query<Record<string, number>>(`select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`);
    return rows[0] ?? {};
  };
  const headersFor = (path: string, who: string, contentType?: string): Record<string, string> => {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    if (who === 'garbage') headers.authorization = 'Bearer \u0000garbage';
    else if (who === 'valid' && path.startsWith('/api/')) headers.authorization = `Bearer ${API_KEY}`;
    else if (who === 'valid' && path.startsWith('/sync/')) Object.assign(headers, h.headers);
    return headers;
  };
  /** One hostile request: never a 5xx, always the error shape on 4xx, nothing written when refused. */
  const check = async (route: Route, options: InjectOptions & { url: string }) => {
    sent++;
    const before = await counts();
    const res = await h.app.inject(options);
    const where = `${route.method} ${options.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, where).toBeLessThan(500);
    if (res.statusCode >= 400) {
      expect(errorBodySchema.safeParse(res.json()).success, where).toBe(true);
      expect(await counts(), where).toEqual(before);
    }
    expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
    return route;
  };
  const fill = (path: string, values: string[]) => {
    let i = 0;
    return path.replace(/:[a-zA-Z]+/g, () => encodeSegment(values[i++ % Math.max(1, values.length)] ?? 'x'));
  };
  const isStream = (route: Route) => route.path === '/sync/v1/stream';

  it('reads the route table: sync, card, api and the health check', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'POST', path: '/sync/v1/enrol' }, { method: 'POST', path: '/card/v1/keys' }, { method: 'POST', path: '/api/v1/point-entries' }, { method: 'GET', path: '/healthz' }]));
  });

  it('hostile bodies to every route that takes one', async () => {
    const withBody = routes.filter((r) => r.method !== 'GET');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody), body, fc.array(segment, { minLength: 1, maxLength: 3 }), auth, async (route, b, params, who) => {
        await check(route, { method: route.method, url: fill(route.path, params), headers: headersFor(route.path, who, b.contentType), payload: b.payload });
      }),
      { seed: 6_2026, numRuns: 1300 },
    );
    // 1,300 requests, CPU-bound: about 50 s while CI runs PGlite and PostgreSQL files side by side on 2 cores.
  }, 180_000);

  it('hostile path parameters and query strings to every route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(segment, { minLength: 1, maxLength: 3 }), query, auth, async (route, params, q, who) => {
        // A stream with a valid token is a stream: it never ends. Its hostile cases are the unauthenticated ones.
        const as = isStream(route) && who === 'valid' ? 'garbage' : who;
        const search = new URLSearchParams(q).toString();
        await check(route, { method: route.method, url: `${fill(route.path, params)}${search ? `?${search}` : ''}`, headers: headersFor(route.path, as) });
      }),
      { seed: 6_2027, numRuns: 900 },
    );
  });

  it('hostile headers: protocol versions, content types, lengths, authorization', async () => {
    const header = fc.record({
      'x-tenpo-protocol': fc.option(fc.constantFrom('0', '-1', '999', 'abc', '1.0', ''), { nil: undefined }),
      authorization: fc.option(fc.constantFrom('Bearer', 'Bearer ', 'Basic abc', `Bearer ${API_KEY} extra`, 'bearer ' + 'a'.repeat(8000), 'Bearer \u00ff'), { nil: undefined }),
      'content-type': fc.option(fc.constantFrom('application/json', 'application/json;;;', 'x/y', 'application/json; charset=utf-16'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes.filter((r) => !isStream(r))), header, body, async (route, headers, b) => {
        const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
        await check(route, { method: route.method, url: fill(route.path, ['members']), headers: clean, ...(route.method === 'GET' ? {} : { payload: b.payload }) });
      }),
      { seed: 6_2028, numRuns: 400 },
    );
  });

  it('sent thousands of requests and the server still answers', async () => {
    expect(sent).toBeGreaterThanOrEqual(2500);
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
