import { closeRequestSchema, monthParamsSchema, periodCloseSchema, TenpoError } from '../../src/protocol/index.ts';
import { closeToCsv } from '../services/month-close-csv.ts';
import { closeMonth, getClose } from '../services/month-close.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const NOT_CLOSED = 'The month has not been closed.';

export function registerCloseRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/closes',
      operationId: 'closeMonth',
      summary: 'Close a JST month (月末締め) into an immutable snapshot',
      description:
        'Months close in order, once each, after they have ended. Entries for a closed month that arrive later post into the ' +
        'open period and are listed as late in the next close.',
      body: closeRequestSchema,
      responses: { 201: { description: 'Closed.', schema: periodCloseSchema } },
      errors: {
        400: 'The body is not JSON.',
        409: '`already-closed`; `month-not-ended`; `close-out-of-order`: the month after the last close must be closed first (details.next).',
        422: '`unprocessable`: month is not YYYY-MM.',
      },
    },
    async ({ body, reply }) => {
      const close = await closeMonth(deps.sql, body.month, deps.clock?.());
      void reply.code(201);
      return close;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/closes/:month',
      operationId: 'getClose',
      summary: 'A closed month: the snapshot',
      params: monthParamsSchema,
      responses: { 200: { description: 'The close.', schema: periodCloseSchema } },
      errors: { 400: 'month is not YYYY-MM.', 404: NOT_CLOSED },
    },
    async ({ params }) => {
      const close = await getClose(deps.sql, params.month);
      if (!close) throw new TenpoError('not-found', `${params.month} has not been closed`);
      return close;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/closes/:month.csv',
      operationId: 'getCloseCsv',
      summary: 'A closed month as CSV: one row per figure, then the late entries and the flagged overdrafts',
      params: monthParamsSchema,
      responses: { 200: { description: 'The close as CSV (UTF-8, CRLF).', contentType: 'text/csv' } },
      errors: { 400: 'month is not YYYY-MM.', 404: NOT_CLOSED },
    },
    async ({ params, reply }) => {
      const close = await getClose(deps.sql, params.month);
      if (!close) throw new TenpoError('not-found', `${params.month} has not been closed`);
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tenpo-close-${params.month}.csv"`);
      return closeToCsv(close);
    },
  );
}
