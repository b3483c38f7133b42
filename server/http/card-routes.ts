import type { FastifyPluginCallback } from 'fastify';
import { cardKeyRegistrationSchema, cardPairingRequestSchema, TenpoError } from '../../src/protocol/index.ts';
import { createCardPairing, registerCardKey } from '../services/card-keys.ts';
import { deviceByToken } from '../services/devices.ts';
import type { SyncServices } from '../services/sync-push.ts';
import { parseInput } from '../services/validate.ts';
import { bearerToken } from './auth.ts';
import { deviceOf } from './device-context.ts';

/**
 * The member's own card (DESIGN.md "Member QR codes"):
 * - POST /sync/v1/card-pairings {memberId} → {code, memberId, expiresAt}: an
 *   enrolled tablet asks for a one-time code for the member at its counter.
 * - POST /card/v1/keys {code, publicKey} → {memberId, memberNo, name, kid}: the
 *   member's phone registers its public key. No token (a phone is not a
 *   device): the single-use, ten-minute code is the whole proof.
 */
export const cardRoutes: FastifyPluginCallback<{ services: SyncServices }> = (app, { services }, done) => {
  app.post(
    '/sync/v1/card-pairings',
    {
      // Authenticate before the body is read, like every /sync/v1 route.
      onRequest: async (request) => {
        const device = await deviceByToken(services.sql, bearerToken(request));
        if (!device) throw new TenpoError('unauthorized', 'unknown or revoked device token');
        request.device = device;
      },
    },
    async (request) => {
      const { memberId } = parseInput(cardPairingRequestSchema, request.body, 'card pairing request');
      return createCardPairing(services.sql, deviceOf(request.device), memberId);
    },
  );

  app.post('/card/v1/keys', async (request) => registerCardKey(services, parseInput(cardKeyRegistrationSchema, request.body, 'card key')));
  done();
};
