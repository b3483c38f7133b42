import { z } from 'zod';
import { COLLECTION_NAMES, type CollectionName } from './sync.ts';

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

/**
 * `POST /sync/v1/status`: what a tablet holds that the server has not got yet.
 * Only the tablet knows it; HQ sees it on the device list. Counts by
 * collection; a tablet sends those it can count (today point_entries).
 */
export const DEVICE_STATUS_PATH = '/status';
export const MAX_PENDING_COUNT = 1_000_000;

export const deviceStatusReportSchema = z
  .strictObject({
    pending: z.partialRecord(z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]]), z.int().min(0).max(MAX_PENDING_COUNT)),
    /** When the oldest unsent document was written (the tablet's clock); null when none. */
    oldestPendingAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'DeviceStatusReport' });
export type DeviceStatusReport = z.infer<typeof deviceStatusReportSchema>;

export const devicePendingSchema = deviceStatusReportSchema.extend({
  /** When the server received the report (its clock). */
  reportedAt: z.string(),
});

export const deviceSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shop: z.object({ id: z.string(), name: z.string() }),
    enrolledAt: z.string(),
    /** Any authenticated contact (pull, push, stream, lookup), written at most about once a minute. */
    lastSeenAt: z.string().nullable(),
    /** The last pull or push, written at most about once a minute. */
    lastSyncAt: z.string().nullable(),
    /** The tablet's last report of what it has not sent; null before its first report. */
    pending: devicePendingSchema.nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Device' });
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

export const deviceListSchema = z.object({ devices: z.array(deviceSummarySchema) }).meta({ id: 'DeviceList' });
export type DeviceList = z.infer<typeof deviceListSchema>;

export const deviceIdParamsSchema = z.object({ id: z.uuid() });

/** Revocation carries nothing but the device id; an empty object (or no body) is the request. */
export const deviceRevokeRequestSchema = z.strictObject({}).optional().meta({ id: 'DeviceRevokeRequest' });
