import {
  apiMemberSchema,
  createMemberRequestSchema,
  memberLinkParamsSchema,
  memberLinkSchema,
  memberListSchema,
  memberNoParamsSchema,
  memberSearchQuerySchema,
  resolvedMemberPointsSchema,
  resolvedMemberSchema,
  TenpoError,
} from '../../src/protocol/index.ts';
import { createMember, findMembers } from '../services/ec-members.ts';
import { memberPoints } from '../services/ec-points.ts';
import { resolveMemberByNo } from '../services/identity/resolve.ts';
import { linkMember } from '../services/member-links.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const NO_MEMBER = 'No live member has this number.';
const BAD_MEMBER_NO = 'The member number is not 10 digits.';

export function registerMemberRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/members',
      operationId: 'createMember',
      summary: 'Make a member (a sign-up on the EC site); the server assigns the member number',
      description:
        'The phone is stored as E.164 and the e-mail trimmed and lower-cased. With an idempotencyKey, a retry with the same ' +
        'content answers 200 with the member made the first time.',
      body: createMemberRequestSchema,
      responses: {
        201: { description: 'Made.', schema: apiMemberSchema },
        200: { description: 'A retry with the same idempotency key and content: the member made the first time.', schema: apiMemberSchema },
      },
      errors: {
        400: 'The body is not JSON.',
        409: '`idempotency-conflict`: the key was used with other content.',
        422: '`unprocessable`: a field is missing or invalid (details say which), e.g. a phone that is not a phone number.',
      },
    },
    async ({ body, reply }) => {
      const { member, created } = await createMember(deps, body);
      void reply.code(created ? 201 : 200);
      return member;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members',
      operationId: 'findMembers',
      summary: 'Find members by phone or e-mail, matched after normalisation, or by a linked LINE user id or EC account id',
      description:
        'Full-width digits, hyphens and +81 find the same member; e-mail matches case-insensitively. A LINE user id or EC account ' +
        'id finds the member it is linked to (PUT /api/v1/members/{memberNo}/links/{kind}/{externalId}); when that record was ' +
        'merged into another (名寄せ), the survivor.',
      query: memberSearchQuerySchema,
      responses: { 200: { description: 'The matching live members, by member number (possibly none).', schema: memberListSchema } },
      errors: {
        400: 'Not exactly one of phone, email, lineUserId and ecAccountId given, or a LINE or EC id in the wrong format.',
        422: '`unprocessable`: the phone is not a phone number.',
      },
    },
    async ({ query }) => ({ members: await findMembers(deps.sql, query) }),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members/:memberNo',
      operationId: 'getMember',
      summary: 'A member by member number',
      params: memberNoParamsSchema,
      responses: { 200: { description: 'The member; for a number merged into another (名寄せ), the survivor with mergedFromNo.', schema: resolvedMemberSchema } },
      errors: { 400: BAD_MEMBER_NO, 404: NO_MEMBER },
    },
    async ({ params }) => {
      // 名寄せ: an old number answers with the survivor, saying which number was asked for.
      const resolved = await resolveMemberByNo(deps.sql, params.memberNo);
      if (!resolved) throw new TenpoError('not-found', `no member ${params.memberNo}`);
      return resolved.mergedFromNo === undefined ? resolved.member : { ...resolved.member, mergedFromNo: resolved.mergedFromNo };
    },
  );

  apiRoute(
    router,
    {
      method: 'PUT',
      path: '/api/v1/members/:memberNo/links/:kind/:externalId',
      operationId: 'linkMember',
      summary: 'Link a LINE user id or an EC account id to a member, so that feeds and lookups can name the member by it',
      description:
        'kind `line`: a LINE user id (U and 32 hex digits); kind `ec`: the EC site\'s account id. An id belongs to one member. ' +
        'A number merged into another (名寄せ) links the survivor. Linking again is a retry: 200 with the link as it is.',
      params: memberLinkParamsSchema,
      responses: {
        201: { description: 'Linked now.', schema: memberLinkSchema },
        200: { description: 'Already linked to this member (or to a record merged into it): the link as it is.', schema: memberLinkSchema },
      },
      errors: {
        400: 'The member number is not 10 digits, the kind is not line or ec, or the id is not in the format of its kind.',
        404: NO_MEMBER,
        409: '`link-conflict`: the id is linked to another member (details.memberNo). Nothing is written.',
      },
    },
    async ({ params, reply }) => {
      const { status, link } = await linkMember(deps, params.memberNo, params.kind, params.externalId);
      void reply.code(status);
      return link;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members/:memberNo/points',
      operationId: 'getMemberPoints',
      summary: "A member's points: balance, what can be redeemed now, debt, flags, lots and what expires within 30 days",
      params: memberNoParamsSchema,
      responses: { 200: { description: 'The projection of the posted ledger; for a merged number, the survivor\'s, with mergedFromNo.', schema: resolvedMemberPointsSchema } },
      errors: { 400: BAD_MEMBER_NO, 404: NO_MEMBER },
    },
    async ({ params }) => {
      const resolved = await resolveMemberByNo(deps.sql, params.memberNo);
      const points = resolved && (await memberPoints(deps.sql, resolved.member.memberNo, deps.clock?.()));
      if (!points) throw new TenpoError('not-found', `no member ${params.memberNo}`);
      return resolved.mergedFromNo === undefined ? points : { ...points, mergedFromNo: resolved.mergedFromNo };
    },
  );
}
