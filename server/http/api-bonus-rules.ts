import { apiBonusRuleSchema, bonusRuleIdParamsSchema, bonusRuleListSchema, bonusRulePutRequestSchema } from '../../src/protocol/index.ts';
import { deleteBonusRule, listBonusRules, putBonusRule } from '../services/bonus-rules.ts';
import { writeTransaction } from '../services/write-transaction.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const BAD_ID = 'The bonus rule id is not 1–32 letters, digits, _ or -.';

/** Issue 10: HQ's bonus rules, e.g. the shop member's welcome bonus on their first EC purchase. */
export function registerBonusRuleRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/bonus-rules',
      operationId: 'listBonusRules',
      summary: 'The bonus rules of the points policy, past, running and planned',
      responses: { 200: { description: 'The bonus rules.', schema: bonusRuleListSchema } },
      errors: {},
    },
    async () => listBonusRules(deps.sql),
  );

  apiRoute(
    router,
    {
      method: 'PUT',
      path: '/api/v1/bonus-rules/:id',
      operationId: 'putBonusRule',
      summary: 'Create or replace a bonus rule (first-ec-purchase: a welcome bonus on EC for members with a shop history)',
      description:
        'A member who has a store earn or a paper-card migration, and whose first EC earn (POST /api/v1/point-entries, ' +
        'channel ec) falls on a JST day from `from` to `to` (both inclusive), gets `points` once, as an `adjust` credit ' +
        'with the id `bonus:<rule id>:<member id>` and the rule id as its campaignId.',
      params: bonusRuleIdParamsSchema,
      body: bonusRulePutRequestSchema,
      responses: {
        201: { description: 'Created.', schema: apiBonusRuleSchema },
        200: { description: 'Replaced.', schema: apiBonusRuleSchema },
      },
      errors: {
        400: `${BAD_ID} Or the body is not JSON.`,
        422: '`unprocessable`: a field is invalid (from after to, points outside 1–100000, an unknown kind, a day that does not exist).',
      },
    },
    async ({ params, body, reply }) => {
      const { bonusRule, created } = await writeTransaction(deps.sql, deps.notifier, (ctx) => putBonusRule(ctx, params.id, body));
      void reply.code(created ? 201 : 200);
      return bonusRule;
    },
  );

  apiRoute(
    router,
    {
      method: 'DELETE',
      path: '/api/v1/bonus-rules/:id',
      operationId: 'deleteBonusRule',
      summary: 'Remove a bonus rule: it stops applying; bonuses already posted stay',
      params: bonusRuleIdParamsSchema,
      responses: { 200: { description: 'Removed; the rule as it was.', schema: apiBonusRuleSchema } },
      errors: { 400: BAD_ID, 404: 'No bonus rule has this id.' },
    },
    async ({ params }) => writeTransaction(deps.sql, deps.notifier, (ctx) => deleteBonusRule(ctx, params.id)),
  );
}
