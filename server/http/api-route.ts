import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { TenpoError } from '../../src/protocol/index.ts';
import { issueDetails, parseInput } from '../services/validate.ts';

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface ApiResponseSpec {
  description: string;
  /** JSON body; absent for a non-JSON body described by contentType. */
  schema?: Schema;
  contentType?: string;
}

/**
 * One /api/v1 route as data: the schemas that validate its input and
 * describe its output. The route is registered from it and the OpenAPI
 * document is generated from it, so neither can list what the other lacks.
 */
export interface ApiRouteSpec<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax: `/api/v1/members/:memberNo`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** A body that is not JSON (a file upload): its media types, read by the route's own content-type parser; documented here, checked by the handler. */
  rawBody?: { contentTypes: readonly string[]; description: string };
  /** Success answers by status. */
  responses: Record<number, ApiResponseSpec>;
  /** Error statuses this route can answer with besides 401 (every route but a public one has it), and what each means. */
  errors: Record<number, string>;
  /** Answered without an API key. */
  public?: boolean;
}

export interface ApiInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  reply: FastifyReply;
}

export interface ApiRouter {
  app: FastifyInstance;
  /** Every route registered through `apiRoute`, in order: what the OpenAPI document lists. */
  routes: ApiRouteSpec[];
}

/**
 * Registers a route from its spec. Path and query parameters that do not
 * parse are a 400 (the request cannot be read); a body that does not parse is
 * a 422 `unprocessable` with one detail per field (it was read, its values
 * are wrong). The handler sets the status when it is not 200.
 */
export function apiRoute<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(
  router: ApiRouter,
  spec: ApiRouteSpec<P, Q, B>,
  handler: (input: ApiInput<P, Q, B>) => Promise<unknown>,
): void {
  router.routes.push(spec);
  router.app.route({
    method: spec.method,
    url: spec.path,
    handler: async (request, reply) =>
      handler({
        params: (spec.params ? parseInput(spec.params, request.params, 'path parameter') : undefined) as Out<P>,
        query: (spec.query ? parseInput(spec.query, request.query, 'query') : undefined) as Out<Q>,
        body: (spec.body ? parseBody(spec.body, request.body) : undefined) as Out<B>,
        reply,
      }),
  });
}

function parseBody<S extends Schema>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new TenpoError('unprocessable', 'invalid request body', 422, issueDetails(result.error));
}
