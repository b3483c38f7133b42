import {
  apiContactSchema,
  apiPurchaseSchema,
  contactRequestSchema,
  memberNoParamsSchema,
  purchaseRequestSchema,
  TenpoError,
  timelineQuerySchema,
  timelineSchema,
} from '../../src/protocol/index.ts';
import { postContact } from '../services/contacts.ts';
import { postPurchase } from '../services/purchases.ts';
import { memberTimeline } from '../services/timeline.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const MEMBER_REF =
  'The member is named by exactly one of memberNo, lineUserId or ecAccountId (an id linked with PUT /api/v1/members/{memberNo}/links/…); ' +
  'a number merged into another (名寄せ) posts to the survivor.';
const IDEMPOTENT = 'Make the idempotency key before the first attempt and reuse it on every retry: the key becomes the id.';
const UNKNOWN_MEMBER = '`unknown-member`: no live member has this number, or no member is linked to this LINE or EC id (details say which).';

/** Issue 9: the feeds of a member's customer timeline (purchases, contacts) and the timeline itself. */
export function registerFeedRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/purchases',
      operationId: 'postPurchase',
      summary: 'Record a purchase — a shop POS receipt (ID-POS) or an EC order with its lines — exactly once per idempotency key',
      description: `${IDEMPOTENT} ${MEMBER_REF} A store receipt names its shop; an EC purchase has none. totalYen is the sum of the lines.`,
      body: purchaseRequestSchema,
      responses: {
        201: { description: 'Recorded now.', schema: apiPurchaseSchema },
        200: { description: 'Already recorded with this key and the same content: the same body as the first answer.', schema: apiPurchaseSchema },
      },
      errors: {
        400: 'The body is not JSON.',
        409: '`idempotency-conflict`: the key was used with other content. Nothing is written.',
        422: `\`unprocessable\`: a field is missing or invalid, or shopId names no shop (details say which field); ${UNKNOWN_MEMBER}`,
      },
    },
    async ({ body, reply }) => {
      const { status, purchase } = await postPurchase(deps, body);
      void reply.code(status);
      return purchase;
    },
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/contacts',
      operationId: 'postContact',
      summary: 'Record a contact with a member (LINE, phone, e-mail, in a shop), exactly once per idempotency key',
      description: `${IDEMPOTENT} ${MEMBER_REF} The summary is trimmed.`,
      body: contactRequestSchema,
      responses: {
        201: { description: 'Recorded now.', schema: apiContactSchema },
        200: { description: 'Already recorded with this key and the same content: the same body as the first answer.', schema: apiContactSchema },
      },
      errors: {
        400: 'The body is not JSON.',
        409: '`idempotency-conflict`: the key was used with other content. Nothing is written.',
        422: `\`unprocessable\`: a field is missing or invalid (details say which); ${UNKNOWN_MEMBER}`,
      },
    },
    async ({ body, reply }) => {
      const { status, contact } = await postContact(deps, body);
      void reply.code(status);
      return contact;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members/:memberNo/timeline',
      operationId: 'getMemberTimeline',
      summary: "A member's customer timeline: purchases (store and EC), point entries, contacts and orders, newest first",
      description:
        'Items with the same time are ordered by id, then kind (byte order). For the next page pass `nextBefore` as `before`: it ' +
        'continues exactly after the last item, never skipping or repeating one. `before` may also be an ISO time with its offset ' +
        '(items strictly earlier; encode `+` as %2B). A number merged into another (名寄せ) answers with the survivor\'s timeline, ' +
        'which holds the rows of every record merged into it.',
      params: memberNoParamsSchema,
      query: timelineQuerySchema,
      responses: { 200: { description: 'One page of the timeline.', schema: timelineSchema } },
      errors: {
        400: 'The member number is not 10 digits, limit is not 1 to 100, or before is neither an ISO time nor a nextBefore.',
        404: 'No live member has this number.',
      },
    },
    async ({ params, query }) => {
      const timeline = await memberTimeline(deps.sql, params.memberNo, query);
      if (!timeline) throw new TenpoError('not-found', `no member ${params.memberNo}`);
      return timeline;
    },
  );
}
