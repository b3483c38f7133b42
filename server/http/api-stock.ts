import {
  apiLocationsSchema,
  availabilitySchema,
  feedResultSchema,
  janParamsSchema,
  MAX_FEED_ROWS,
  productFeedSchema,
  stockFeedSchema,
} from '../../src/protocol/index.ts';
import { availability, listLocations, putProducts, putStock } from '../services/stock-feeds.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const FULL_STATE =
  'The feed carries full state, not changes: sending it again (a retry, a timeout) leaves the same rows, so it needs no ' +
  'idempotency key. Any invalid row refuses the whole request and nothing is written.';

export function registerStockRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'PUT',
      path: '/api/v1/products',
      operationId: 'putProducts',
      summary: `Upsert products from the master system (bulk, up to ${MAX_FEED_ROWS.toLocaleString('en-US')} rows)`,
      description: `${FULL_STATE} A field left out is stored empty. Unchanged products are not rewritten.`,
      body: productFeedSchema,
      responses: { 200: { description: 'Every row is now as sent.', schema: feedResultSchema } },
      errors: {
        400: 'The body is not JSON.',
        413: 'The body is over the size limit: send the feed in several requests.',
        422: '`unprocessable`: a field is invalid (a JAN with a wrong check digit, …) or a JAN appears twice; details name the rows.',
      },
    },
    async ({ body }) => putProducts(deps, body),
  );

  apiRoute(
    router,
    {
      method: 'PUT',
      path: '/api/v1/stock',
      operationId: 'putStock',
      summary: `Set on-hand counts per product and location (bulk, up to ${MAX_FEED_ROWS.toLocaleString('en-US')} rows)`,
      description:
        `${FULL_STATE} Reserved units belong to the server's orders and are not set here; available = onHand − reserved. ` +
        'A count below the units reserved there is refused (reason `below-reserved`, with the reserved count), never clamped. ' +
        'Every row is a fresh count: its updatedAt moves even when the figure is unchanged. Tablets see the change live.',
      body: stockFeedSchema,
      responses: { 200: { description: 'Every row is now as sent.', schema: feedResultSchema } },
      errors: {
        400: 'The body is not JSON.',
        413: 'The body is over the size limit: send the feed in several requests.',
        422:
          '`unprocessable`: a field is invalid, or rows name an unknown product or location, repeat a (jan, location), or ' +
          'count fewer units than are reserved; details.rows name each row by index and reason.',
      },
    },
    async ({ body }) => putStock(deps, body),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/locations',
      operationId: 'listLocations',
      summary: 'The shops and the EC warehouse: the `location` values the stock feed and orders use',
      responses: { 200: { description: 'Every live location.', schema: apiLocationsSchema } },
      errors: {},
    },
    async () => listLocations(deps.sql),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/products/:jan/availability',
      operationId: 'getAvailability',
      summary: 'Stock of one product at every location: on hand, reserved, available and when each figure was last updated',
      params: janParamsSchema,
      responses: { 200: { description: 'One entry per location that has a stock row for the product.', schema: availabilitySchema } },
      errors: { 400: 'The JAN is not 13 digits with a valid check digit.', 404: '`not-found`: no such product.' },
    },
    async ({ params }) => availability(deps.sql, params.jan),
  );
}
