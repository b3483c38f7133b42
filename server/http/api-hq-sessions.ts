import { HQ_SESSION_HOURS, hqSessionSchema, hqSignInRequestSchema, TenpoError } from '../../src/protocol/index.ts';
import { endHqSession, signInHq } from '../services/hq-sessions.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';
import { bearerToken } from './auth.ts';

/** Issue 10: head office signs in to the HQ area as staff of role hq; the session token is their Bearer. */
export function registerHqSessionRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/hq-sessions',
      operationId: 'signInHq',
      summary: 'Sign in to the HQ area with a staff id and PIN (staff of role hq)',
      description:
        `The answer's token is the Bearer for every other /api/v1 call, as an API key is, for ${HQ_SESSION_HOURS} hours ` +
        'or until DELETE /api/v1/hq-sessions/current. Wrong PINs in a row lock the staff member out as for approvals ' +
        '(the device policy). Needs no API key; rate-limited per client like every request that carries a PIN.',
      public: true,
      body: hqSignInRequestSchema,
      responses: { 201: { description: 'Signed in; the sign-in is in the audit log.', schema: hqSessionSchema } },
      errors: {
        400: 'The body is not JSON.',
        401: '`unauthorized`: no active staff member with this id. `wrong-pin`: the PIN is wrong (counted); details.triesLeft says how many tries are left.',
        403: '`not-hq`: the staff member is not head office staff (role hq).',
        422: '`unprocessable`: staffId or pin is not of the right form.',
        423: '`staff-locked-out`: too many wrong PINs in a row; details.lockedUntil says until when.',
      },
    },
    async ({ body, reply }) => {
      const session = await signInHq(deps, body);
      void reply.code(201);
      return session;
    },
  );

  apiRoute(
    router,
    {
      method: 'DELETE',
      path: '/api/v1/hq-sessions/current',
      operationId: 'signOutHq',
      summary: 'Sign out: the HQ session whose token is the Bearer ends now',
      responses: { 204: { description: 'Ended; the token no longer works.' } },
      errors: { 404: '`not-found`: the Bearer is an API key, not an HQ session.' },
    },
    async ({ reply }) => {
      // The auth hook has let only a live key or session through; here it must be a session.
      if (!(await endHqSession(deps.sql, bearerToken(reply.request)))) throw new TenpoError('not-found', 'the Bearer is not an HQ session');
      return reply.code(204).send();
    },
  );
}
