import { apiCampaignSchema, campaignIdParamsSchema, campaignListSchema, campaignPutRequestSchema } from '../../src/protocol/index.ts';
import { deleteCampaign, listCampaigns, putCampaign } from '../services/campaigns.ts';
import { writeTransaction } from '../services/write-transaction.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const BAD_ID = 'The campaign id is not 1–64 letters, digits, _ or -.';

/** Issue 10: HQ's points campaigns, shared by the shops and the EC site; tablets get them with the points policy and apply them offline. */
export function registerCampaignRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/campaigns',
      operationId: 'listCampaigns',
      summary: 'The points campaigns of the policy, past, running and planned, and the rank ids they may name',
      responses: { 200: { description: 'The campaigns.', schema: campaignListSchema } },
      errors: {},
    },
    async () => listCampaigns(deps.sql),
  );

  apiRoute(
    router,
    {
      method: 'PUT',
      path: '/api/v1/campaigns/:id',
      operationId: 'putCampaign',
      summary: 'Create or replace a points campaign (e.g. double points on a rainy day: a campaign of one day)',
      description:
        'Days are JST, both inclusive. When several campaigns apply to a purchase the highest multiplier wins. The campaign ' +
        'reaches every tablet with its next sync of the points policy and applies there offline; each earn records its id.',
      params: campaignIdParamsSchema,
      body: campaignPutRequestSchema,
      responses: {
        201: { description: 'Created.', schema: apiCampaignSchema },
        200: { description: 'Replaced.', schema: apiCampaignSchema },
      },
      errors: {
        400: `${BAD_ID} Or the body is not JSON.`,
        422: '`unprocessable`: a field is invalid (from after to, a multiplier outside 1–10, a day that does not exist), or a shop or rank is unknown (details say which).',
      },
    },
    async ({ params, body, reply }) => {
      const { campaign, created } = await writeTransaction(deps.sql, deps.notifier, (ctx) => putCampaign(ctx, params.id, body));
      void reply.code(created ? 201 : 200);
      return campaign;
    },
  );

  apiRoute(
    router,
    {
      method: 'DELETE',
      path: '/api/v1/campaigns/:id',
      operationId: 'deleteCampaign',
      summary: 'Remove a campaign: it stops applying, on the tablets after their next sync; posted entries keep its id',
      params: campaignIdParamsSchema,
      responses: { 200: { description: 'Removed; the campaign as it was.', schema: apiCampaignSchema } },
      errors: { 400: BAD_ID, 404: 'No campaign has this id.' },
    },
    async ({ params }) => writeTransaction(deps.sql, deps.notifier, (ctx) => deleteCampaign(ctx, params.id)),
  );
}
