import type { FastifyPluginCallback } from 'fastify';
import { TenpoError } from '../../src/protocol/index.ts';
// Issue 10: HQ staff sign-in (a session token is accepted where an API key is).
import { isAcceptedBearer } from '../services/hq-sessions.ts';
import { registerHqSessionRoutes } from './api-hq-sessions.ts';
import type { ApiDeps } from './api-deps.ts';
import { registerAuditRoutes } from './api-audit.ts';
import { registerCloseRoutes } from './api-closes.ts';
// issue 10: HQ campaigns
import { registerCampaignRoutes } from './api-campaigns.ts';
// issue 10: bonus rules
import { registerBonusRuleRoutes } from './api-bonus-rules.ts';
import { registerDeviceRoutes } from './api-devices.ts';
import { registerFeedRoutes } from './api-feeds.ts';
import { registerIdentityRoutes } from './api-identity.ts';
// Issue 10: HQ dashboard KPIs.
import { registerKpiRoutes } from './api-kpis.ts';
import { registerMemberImportRoutes } from './api-member-imports.ts';
import { registerMemberRoutes } from './api-members.ts';
import { registerOrderRoutes } from './api-orders.ts';
import { registerPointRoutes } from './api-points.ts';
import { registerStaffRoutes } from './api-staff.ts';
// Issue 10: coupons.
import { registerCouponRoutes } from './api-coupons.ts';
import { registerStockRoutes } from './api-stock.ts';
import { registerSuggestionRoutes } from './api-suggestions.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';
import { bearerToken } from './auth.ts';
import { buildOpenApi } from './openapi.ts';

export interface ApiOptions extends ApiDeps {
  /** TENPO_API_KEY: valid in addition to the keys in the database. */
  apiKey?: string | undefined;
}

export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * /api/v1: the integration API for the EC site and HQ tools, behind an API
 * key or an HQ staff member's session token (POST /api/v1/hq-sessions). Every route is registered through apiRoute (api-route.ts), which is
 * what the OpenAPI document is generated from.
 */
export const apiRoutes: FastifyPluginCallback<ApiOptions> = (app, options, done) => {
  const { sql, apiKey } = options;
  const deps: ApiDeps = { sql, notifier: options.notifier, clock: options.clock };
  const router: ApiRouter = { app, routes: [] };

  // onRequest runs before the body is read: without a key nothing is parsed, nothing learnt.
  app.addHook('onRequest', async (request) => {
    if (router.routes.some((route) => route.public && route.path === request.routeOptions.url)) return;
    if (!(await isAcceptedBearer(sql, bearerToken(request), apiKey))) {
      throw new TenpoError('unauthorized', 'unknown or revoked API key, or an ended HQ session');
    }
  });

  registerMemberRoutes(router, deps);
  registerPointRoutes(router, deps);
  registerCloseRoutes(router, deps);
  registerIdentityRoutes(router, deps);
  registerMemberImportRoutes(router, deps);
  registerOrderRoutes(router, deps);
  registerFeedRoutes(router, deps);
  registerStockRoutes(router, deps);
  registerSuggestionRoutes(router, deps);
  registerDeviceRoutes(router, deps);
  registerAuditRoutes(router, deps);
  registerStaffRoutes(router, deps);
  // Issue 10: coupons.
  registerCouponRoutes(router, deps);
  // Issue 10: HQ dashboard KPIs.
  registerKpiRoutes(router, deps);
  // issue 10: HQ campaigns
  registerCampaignRoutes(router, deps);
  // issue 10: bonus rules
  registerBonusRuleRoutes(router, deps);
  // Issue 10: HQ staff sign-in.
  registerHqSessionRoutes(router, deps);

  let document: Record<string, unknown> | undefined;
  apiRoute(
    router,
    {
      method: 'GET',
      path: OPENAPI_PATH,
      operationId: 'getOpenApi',
      summary: 'This document: OpenAPI 3.1, generated from the schemas that validate the requests',
      // It describes the API and holds no data: integrators and tools may read it before they have a key.
      public: true,
      responses: { 200: { description: 'The OpenAPI document.' } },
      errors: {},
    },
    // Built on first use, when every route has been registered.
    () => Promise.resolve((document ??= buildOpenApi(router.routes))),
  );
  done();
};
