import { apiOrderSchema, orderIdParamsSchema, orderRequestSchema, orderStatusRequestSchema } from '../../src/protocol/index.ts';
import { getApiOrder, moveApiOrder, placeApiOrder } from '../services/ec-orders.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const BAD_ID = 'The order id is malformed.';
const NO_ORDER = '`not-found`: no order has this id.';

export function registerOrderRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/orders',
      operationId: 'placeOrder',
      summary: 'Order a product from a shop or the EC warehouse, reserving the stock atomically, exactly once per idempotency key',
      description:
        'The idempotency key becomes the order id: make it before the first attempt and reuse it on every retry. The stock is ' +
        'reserved in the same transaction that stores the order: however many orders race for the last units, available stock never ' +
        'goes below zero. A refused order is stored too: a retry with its key is refused the same way.',
      body: orderRequestSchema,
      responses: {
        201: { description: 'Placed now and confirmed: the stock is reserved.', schema: apiOrderSchema },
        200: { description: 'Already placed with this key and the same content: the order as it is now (its status may have moved on).', schema: apiOrderSchema },
      },
      errors: {
        400: 'The body is not JSON.',
        409:
          '`out-of-stock`: not enough available at fromLocation (details.alternatives: other locations that have the quantity, ' +
          '[{ locationId, available }]); `idempotency-conflict`: the key was used for another order.',
        422: '`unprocessable`: a field is missing or invalid (details say which), or names no product, location or shop; `unknown-member`: no live member has this number.',
      },
    },
    async ({ body, reply }) => {
      const { status, order } = await placeApiOrder(deps, body);
      void reply.code(status);
      return order;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/orders/:id',
      operationId: 'getOrder',
      summary: 'An order as it is now',
      params: orderIdParamsSchema,
      responses: { 200: { description: 'The order.', schema: apiOrderSchema } },
      errors: { 400: BAD_ID, 404: NO_ORDER },
    },
    async ({ params }) => getApiOrder(deps.sql, params.id),
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/orders/:id/status',
      operationId: 'moveOrder',
      summary: 'Move an order along its lifecycle: confirmed → ready (pickup) or shipped (ship) → completed, or cancelled',
      description:
        'Cancelling gives the reservation back. Completing takes the goods off the stock at the source and, for an order with a ' +
        'member, posts their EC earn once (ledger key `order:<id>:earn`). Asking for the status the order already has is a retry: the order, unchanged.',
      params: orderIdParamsSchema,
      body: orderStatusRequestSchema,
      responses: { 200: { description: 'The order with its new status.', schema: apiOrderSchema } },
      errors: {
        400: `${BAD_ID} Or the body is not JSON.`,
        404: NO_ORDER,
        409: '`invalid-transition`: the lifecycle does not allow this move from the current status (details.from, details.to).',
        422: '`unprocessable`: status is not one of ready, shipped, completed, cancelled.',
      },
    },
    async ({ params, body }) => moveApiOrder(deps, params.id, body),
  );
}
