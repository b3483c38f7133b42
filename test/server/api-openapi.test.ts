import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/protocol/index.ts';
import { openApiHarness, type ApiHarness } from './helpers/api.ts';
import { backendName } from './helpers/test-store.ts';

interface Operation {
  operationId: string;
  security?: unknown[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
}

/**
 * The routes of a Fastify app from printRoutes' tree: each line is a path
 * segment, indented four characters per level, with its methods. Used so the
 * test sees every route of the real app, however it was registered.
 */
function routesOf(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    stack.length = (match[1] ?? '').length / 4;
    stack.push(match[2] ?? '');
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

describe(`GET /api/v1/openapi.json (${backendName})`, () => {
  let h: ApiHarness;
  let doc: OpenApi;
  beforeAll(async () => {
    h = await openApiHarness();
    // No key: the document holds no data.
    const answer = await h.call('GET', '/api/v1/openapi.json', undefined, {});
    expect(answer.status).toBe(200);
    doc = answer.body as OpenApi;
  });
  afterAll(async () => {
    await h.close();
  });

  it('is OpenAPI 3.1 and lists every route the app serves under /api/v1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await h.app.ready();
    const served = routesOf(h.app.printRoutes({ commonPrefix: false }))
      .filter((route) => / \/api\/v1(\/|$)/.test(route) && !route.startsWith('HEAD '))
      .map((route) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}'))
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(9);
    expect(documented).toEqual(served);
  });

  it('describes each operation: parameters, request body, responses and the error shape', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters, where).toContainEqual(expect.objectContaining({ name: name.slice(1, -1), in: 'path', required: true }));
      }
      if (method === 'post') expect(Object.values(op.requestBody?.content ?? {})[0]?.schema, where).toBeDefined();
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2')), where).toBe(true);
      if (op.security === undefined) expect(statuses, where).toContain('401');
      // The rate limit covers every /api/v1 route, documented or not by its author.
      expect(statuses, where).toContain('429');
      for (const status of statuses.filter((s) => s >= '400')) {
        expect(op.responses[status]?.content['application/json']?.schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
    const byId = Object.fromEntries(operations.map(({ op }) => [op.operationId, op]));
    expect(Object.keys(byId)).toEqual(
      expect.arrayContaining(['createMember', 'findMembers', 'getMember', 'getMemberPoints', 'postPointEntry', 'getFlagsReport', 'closeMonth', 'getClose', 'getCloseCsv', 'getOpenApi', 'postPurchase', 'postContact', 'linkMember', 'getMemberTimeline']),
    );
    expect(byId.postPointEntry?.responses).toHaveProperty('201');
    expect(byId.postPointEntry?.responses).toHaveProperty('409');
    expect(byId.postPointEntry?.responses).toHaveProperty('422');
    expect(byId.findMembers?.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['phone', 'query', false],
      ['email', 'query', false],
      ['lineUserId', 'query', false],
      ['ecAccountId', 'query', false],
    ]);
    expect(Object.keys(byId.getCloseCsv?.responses['200']?.content ?? {})).toEqual(['text/csv']);
  });

  it('takes its schemas from the zod schemas that validate requests, and every $ref resolves', () => {
    const request = doc.components.schemas.PointEntryRequest as { required?: string[]; properties: Record<string, { enum?: string[]; maximum?: number }> };
    expect(request.required).toEqual(expect.arrayContaining(['idempotencyKey', 'memberNo', 'type', 'points', 'channel', 'ref']));
    expect(request.properties.type?.enum).toEqual(['earn', 'redeem']);
    expect(request.properties.points?.maximum).toBe(10_000_000);
    expect(doc.components.schemas.Error?.properties?.error?.enum).toEqual([...ERROR_CODES]);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas, ref).toHaveProperty([ref.slice('#/components/schemas/'.length)]);
    }
  });
});
