import { z } from 'zod';
import { ERROR_CODES, errorBodySchema } from '../../src/protocol/index.ts';
import type { ApiRouteSpec } from './api-route.ts';

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA = errorBodySchema.meta({ id: 'Error' });

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route specs and
 * the zod schemas that validate requests (z.toJSONSchema; OpenAPI 3.1 schemas
 * are JSON Schema 2020-12). Schemas with a `meta({ id })` become components;
 * request bodies are described as accepted (input), responses as sent (output).
 */
export function buildOpenApi(routes: readonly ApiRouteSpec[]): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const root = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const defs = root.$defs ?? {};
    // The dialect is the document's (OpenAPI 3.1 = 2020-12); the definitions move to components.
    delete root.$schema;
    delete root.$defs;
    for (const [id, def] of Object.entries(defs)) {
      const moved = relink(def);
      // One id, one shape: an input and an output reading that differ must not share a name.
      if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(moved)) throw new Error(`schema ${id} differs between uses`);
      components[id] = moved;
    }
    return relink(root);
  };

  const errorRef = toSchema(ERROR_SCHEMA, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const contentType = response.contentType ?? 'application/json';
      responses[status] = {
        description: response.description,
        content: { [contentType]: { schema: response.schema ? toSchema(response.schema, 'output') : { type: contentType === 'application/json' ? 'object' : 'string' } } },
      };
    }
    // Every /api/v1 route sits behind the per-client rate limit (server/http/security.ts).
    const limited = { 429: 'Too many requests from this client: wait for the Retry-After seconds and send again.' };
    const errors = route.public ? { ...route.errors, ...limited } : { 401: 'No API key, or an unknown or revoked one.', ...route.errors, ...limited };
    for (const [status, description] of Object.entries(errors)) {
      responses[status] = { description, content: { 'application/json': { schema: errorRef } } };
    }
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: {
        operationId: route.operationId,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        ...(route.public ? { security: [] } : {}),
        parameters: [...parameters(route.params, 'path', toSchema), ...parameters(route.query, 'query', toSchema)],
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
        ...(route.rawBody ? { requestBody: { required: true, description: route.rawBody.description, content: rawContent(route.rawBody.contentTypes) } } : {}),
        responses,
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tenpo integration API',
      version: '1',
      description:
        'For the EC site and HQ tools. Errors are always { error, message, details? } with a stable kebab-case `error` code ' +
        `(${ERROR_CODES.join(', ')}). 400: the request cannot be read; 422: it was read but its values are not acceptable; ` +
        '409: it conflicts with the ledger. Nothing is written when an error is returned.',
    },
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <api key>' } },
    },
  };
}

function rawContent(contentTypes: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(contentTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]));
}

/** zod puts named schemas under `#/$defs/`; OpenAPI keeps them under components. */
function relink(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', toSchema: (s: z.ZodType, io: 'input') => JsonSchema): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
