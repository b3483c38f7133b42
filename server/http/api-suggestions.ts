import { memberNoParamsSchema, SUGGESTION_LIMIT, suggestionQuerySchema, suggestionsSchema, TenpoError } from '../../src/protocol/index.ts';
import { memberSuggestions } from '../services/suggestions.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

/** Issue 9: what to offer a member, from everyone's purchases. */
export function registerSuggestionRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members/:memberNo/suggestions',
      operationId: 'getMemberSuggestions',
      summary: `Up to ${SUGGESTION_LIMIT} products a member is likely to want: what other members who bought the same product or style also bought`,
      description:
        'Read from every purchase posted to POST /api/v1/purchases, store and EC alike. score is the number of other members who ' +
        'bought both the suggestion and `because` (or another of the member\'s purchases); best first, ties by JAN. A style or ' +
        'product the member has bought is never suggested. A style is offered in the size the member bought most, when that ' +
        'variant exists, otherwise in the variant with the most stock. With shopId, `here` is what is available at that shop and ' +
        '`elsewhere` the other locations. A member with no purchases gets none (there is no best-seller fallback). A number ' +
        'merged into another (名寄せ) answers for the survivor, with the purchases of every record merged into it.',
      params: memberNoParamsSchema,
      query: suggestionQuerySchema,
      responses: { 200: { description: 'The suggestions, best first (possibly none).', schema: suggestionsSchema } },
      errors: {
        400: 'The member number is not 10 digits, or shopId is not 1 to 32 characters.',
        404: '`not-found`: no live member has this number.',
        422: '`unprocessable`: shopId names no shop (details.path is shopId).',
      },
    },
    async ({ params, query }) => {
      const suggestions = await memberSuggestions(deps.sql, params.memberNo, query.shopId ?? null);
      if (!suggestions) throw new TenpoError('not-found', `no member ${params.memberNo}`);
      return suggestions;
    },
  );
}
