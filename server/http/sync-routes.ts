import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import type { CollectionName } from '../../src/protocol/index.ts';
import {
  DEVICE_STATUS_PATH,
  deviceStatusReportSchema,
  enrolRequestSchema,
  isCollectionName,
  MEMBER_LOOKUP_PATH,
  MEMBER_SUGGESTIONS_PATH,
  MEMBER_TIMELINE_PATH,
  memberIdParamsSchema,
  memberLookupQuerySchema,
  pullQuerySchema,
  TenpoError,
  timelineQuerySchema,
} from '../../src/protocol/index.ts';
import { touchDevice } from '../services/device-admin.ts';
import { recordDeviceStatus, touchDeviceSync } from '../services/device-status.ts';
import { deviceByToken } from '../services/devices.ts';
import { enrol } from '../services/enrolment.ts';
import { lookupMembersForDevice } from '../services/member-lookup.ts';
import { pull } from '../services/sync-pull.ts';
import { deviceMemberSuggestions } from '../services/suggestions.ts';
import { push, type SyncServices } from '../services/sync-push.ts';
import { deviceMemberTimeline } from '../services/timeline.ts';
import { parseInput } from '../services/validate.ts';
import { bearerToken } from './auth.ts';
import { deviceOf } from './device-context.ts';
import { registerStreamRoute, type StreamOptions } from './stream-route.ts';

/** POST /sync/v1/enrol: the one /sync/v1 call without a token (it is how a tablet gets one). */
export function registerEnrolRoute(app: FastifyInstance, { sql }: SyncServices): void {
  app.post('/sync/v1/enrol', async (request) => enrol(sql, parseInput(enrolRequestSchema, request.body, 'enrolment request')));
}

/**
 * Routes that need a device token. Registered as their own plugin so the auth
 * hook covers every route added here later, and nothing outside.
 */
export const deviceRoutes: FastifyPluginCallback<{ services: SyncServices; stream: StreamOptions }> = (app, options, done) => {
  const { services } = options;
  // onRequest runs before the body is read: an unauthenticated client cannot
  // make the server parse a megabyte, and learns nothing about the data.
  app.addHook('onRequest', async (request) => {
    const device = await deviceByToken(services.sql, bearerToken(request));
    if (!device) throw new TenpoError('unauthorized', 'unknown or revoked device token');
    request.device = device;
    await touchDevice(services.sql, device.id);
  });

  // A member this tablet does not hold (issue 6); the answer also brings them into its shop's scope.
  app.get(`/sync/v1${MEMBER_LOOKUP_PATH}`, async (request) => {
    const { q } = parseInput(memberLookupQuerySchema, request.query, 'member lookup query');
    return lookupMembersForDevice(services, deviceOf(request.device), q);
  });

  // What to offer a member at the counter; `here` is this tablet's shop.
  app.get(`/sync/v1${MEMBER_SUGGESTIONS_PATH}`, async (request) => {
    const { memberId } = parseInput(memberIdParamsSchema, request.params, 'member id');
    return deviceMemberSuggestions(services.sql, deviceOf(request.device), memberId);
  });

  // Older history for the profile, online; the replicated `timeline` holds the device window only.
  app.get(`/sync/v1${MEMBER_TIMELINE_PATH}`, async (request) => {
    const { memberId } = parseInput(memberIdParamsSchema, request.params, 'member id');
    const query = parseInput(timelineQuerySchema, request.query, 'timeline query');
    return deviceMemberTimeline(services.sql, deviceOf(request.device), memberId, query);
  });

  app.get<{ Params: { collection: string } }>('/sync/v1/:collection/pull', async (request) => {
    const collection = collectionOf(request.params.collection);
    const query = parseInput(pullQuerySchema, request.query, 'pull query');
    const device = deviceOf(request.device);
    await touchDeviceSync(services.sql, device.id);
    return pull(services.sql, collection, query, device);
  });

  app.post<{ Params: { collection: string } }>('/sync/v1/:collection/push', async (request) => {
    const collection = collectionOf(request.params.collection);
    const device = deviceOf(request.device);
    await touchDeviceSync(services.sql, device.id);
    return push(services, collection, request.body, device);
  });

  // Issue 10: what the tablet has not sent yet, for HQ's device list; the newest report wins.
  app.post(`/sync/v1${DEVICE_STATUS_PATH}`, async (request, reply) => {
    const report = parseInput(deviceStatusReportSchema, request.body, 'status report');
    await recordDeviceStatus(services.sql, deviceOf(request.device).id, report);
    return reply.code(204).send();
  });

  registerStreamRoute(app, options.stream);
  done();
};

function collectionOf(name: string): CollectionName {
  if (!isCollectionName(name)) throw new TenpoError('unknown-collection', `no collection named ${name}`);
  return name;
}
