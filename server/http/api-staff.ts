import { staffIdParamsSchema, staffListQuerySchema, staffListSchema, staffPutRequestSchema, staffSummarySchema } from '../../src/protocol/index.ts';
import { listStaff, staffSummary, writeStaff } from '../services/staff/staff-docs.ts';
import { writeTransaction } from '../services/write-transaction.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

/** HQ manages staff accounts; tablets get them (with the PIN hash) through the settings collection, this API never shows the hash. */
export function registerStaffRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'PUT',
      path: '/api/v1/staff/:staffId',
      operationId: 'putStaff',
      summary: 'Create or update a staff member (clerk, manager of a shop, or hq with shopId null)',
      description:
        'The PIN (4–8 digits) is hashed with PBKDF2 and reaches the tablets of the staff member\'s shop (every tablet for hq), ' +
        'which check it offline. `pin` is required for a new staff member; absent on an update, the PIN stays. ' +
        '`active: false` keeps the account (old audit events name it) but nobody can sign in with it.',
      params: staffIdParamsSchema,
      body: staffPutRequestSchema,
      responses: {
        201: { description: 'Created.', schema: staffSummarySchema },
        200: { description: 'Updated.', schema: staffSummarySchema },
      },
      errors: {
        400: 'The staff id is not 1–32 letters, digits, _ or -, or the body is not JSON.',
        422: '`unprocessable`: a field is invalid, the shop is unknown, the role does not fit the shop, or a new staff member has no PIN.',
      },
    },
    async ({ params, body, reply }) => {
      const { stored, created } = await writeTransaction(deps.sql, deps.notifier, (ctx) => writeStaff(ctx, params.staffId, body));
      void reply.code(created ? 201 : 200);
      return staffSummary(stored);
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/staff',
      operationId: 'listStaff',
      summary: 'Staff members by id, without their PIN hashes; with shopId, that shop\'s and the hq staff',
      query: staffListQuerySchema,
      responses: { 200: { description: 'The staff members.', schema: staffListSchema } },
      errors: { 400: 'A bad shopId.' },
    },
    async ({ query }) => ({ staff: (await listStaff(deps.sql, query.shopId)).map(staffSummary) }),
  );
}
