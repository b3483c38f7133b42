import { apiPointEntrySchema, flagsReportSchema, pointEntryRequestSchema } from '../../src/protocol/index.ts';
import { listFlags } from '../services/ec-flags.ts';
import { postApiEntry } from '../services/ec-points.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

export function registerPointRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/point-entries',
      operationId: 'postPointEntry',
      summary: 'Post an earn or a redemption, exactly once per idempotency key',
      description:
        'Make the idempotency key before the first attempt and reuse it on every retry. A redemption is checked against ' +
        'the points available now, in the same transaction that posts it: concurrent redemptions never take a balance below zero. ' +
        'An EC earn sends the points of the EC site\'s own rate; a campaign running for the EC channel (GET /api/v1/campaigns) ' +
        'multiplies them: the answer\'s points include the bonus and campaignId names the campaign.',
      body: pointEntryRequestSchema,
      responses: {
        201: { description: 'Posted now.', schema: apiPointEntrySchema },
        200: { description: 'Already posted with this key and the same content: the same body as the first answer.', schema: apiPointEntrySchema },
      },
      errors: {
        400: 'The body is not JSON.',
        409: '`idempotency-conflict`: the key was used with other content; `insufficient-points`: a redemption over the available points (details.available).',
        422: '`unprocessable`: a field is missing or invalid (details say which); `unknown-member`: no live member has this number.',
      },
    },
    async ({ body, reply }) => {
      const { status, entry } = await postApiEntry(deps, body);
      void reply.code(status);
      return entry;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/reports/flags',
      operationId: 'getFlagsReport',
      summary: 'Flagged ledger entries (overdrafts from offline redemptions and others), with what has been paid back',
      responses: { 200: { description: 'Every flagged entry in posting order.', schema: flagsReportSchema } },
      errors: {},
    },
    async () => listFlags(deps.sql, deps.clock?.()),
  );
}
