import { z } from 'zod';

/** /api/v1/enrolment-codes and /api/v1/devices: HQ and shop managers look after the tablets. */
export const DEFAULT_ENROLMENT_CODE_MINUTES = 60;

export const enrolmentCodeRequestSchema = z
  .object({
    shopId: z.string().min(1).max(32),
    /** How long the code may be used; it works once either way. */
    expiresInMinutes: z.int().min(1).max(7 * 24 * 60).default(DEFAULT_ENROLMENT_CODE_MINUTES),
  })
  .meta({ id: 'EnrolmentCodeRequest' });
export type EnrolmentCodeRequest = z.infer<typeof enrolmentCodeRequestSchema>;

export const enrolmentCodeSchema = z
  .object({
    code: z.string(),
    shopId: z.string(),
    expiresAt: z.string(),
    /** Text to show as a QR code; the tablet's enrolment screen accepts it as typed. */
    qr: z.string(),
  })
  .meta({ id: 'EnrolmentCode' });
export type EnrolmentCodeResponse = z.infer<typeof enrolmentCodeSchema>;

export const deviceSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shop: z.object({ id: z.string(), name: z.string() }),
    enrolledAt: z.string(),
    lastSeenAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Device' });
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

export const deviceListSchema = z.object({ devices: z.array(deviceSummarySchema) }).meta({ id: 'DeviceList' });
export type DeviceList = z.infer<typeof deviceListSchema>;

export const deviceIdParamsSchema = z.object({ id: z.uuid() });

/** Revocation carries nothing but the device id; an empty object (or no body) is the request. */
export const deviceRevokeRequestSchema = z.strictObject({}).optional().meta({ id: 'DeviceRevokeRequest' });
