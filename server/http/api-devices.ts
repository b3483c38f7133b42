import {
  deviceIdParamsSchema,
  deviceListSchema,
  deviceRevokeRequestSchema, enrolmentCodeRequestSchema, enrolmentCodeSchema } from '../../src/protocol/index.ts';
import { createEnrolmentCode, listDevices, revokeDevice } from '../services/device-admin.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

/** Managers look after the shop tablets: new one-time enrolment codes, the device list, revocation. */
export function registerDeviceRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/enrolment-codes',
      operationId: 'createEnrolmentCode',
      summary: 'Make a one-time enrolment code for a shop tablet',
      description: 'The code enrols one device, then or at expiresAt it stops working. `qr` is the text to show as a QR code.',
      body: enrolmentCodeRequestSchema,
      responses: { 200: { description: 'The new code.', schema: enrolmentCodeSchema } },
      errors: { 400: 'The body is not JSON.', 422: '`unprocessable`: a field is invalid or the shop is unknown.' },
    },
    async ({ body }) => createEnrolmentCode(deps.sql, body),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/devices',
      operationId: 'listDevices',
      summary: 'Every enrolled tablet, with its last contact and revocation',
      description: 'lastSeenAt is updated at most about once a minute.',
      responses: { 200: { description: 'The devices, oldest first.', schema: deviceListSchema } },
      errors: {},
    },
    async () => listDevices(deps.sql),
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/devices/:id/revoke',
      operationId: 'revokeDevice',
      summary: 'Revoke a lost or retired tablet',
      description:
        'Its token stops working at once: every /sync/v1 request gets 401 `unauthorized`, its open stream ends, and the ' +
        'tablet wipes its local data on its next contact. Revoking twice is harmless.',
      params: deviceIdParamsSchema,
      body: deviceRevokeRequestSchema,
      responses: { 200: { description: 'The device, now revoked.', schema: deviceListSchema.shape.devices.element } },
      errors: { 404: '`not-found`: no such device.' },
    },
    async ({ params }) => {
      await revokeDevice(deps.sql, params.id);
      const { devices } = await listDevices(deps.sql);
      return devices.find((device) => device.id === params.id);
    },
  );
}
