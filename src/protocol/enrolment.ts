import { z } from 'zod';

export const enrolRequestSchema = z.object({
  code: z.string().trim().min(4).max(64),
  deviceName: z.string().trim().min(1).max(100),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const shopSchema = z.object({
  id: z.string(),
  name: z.string(),
});

export const enrolResponseSchema = z.object({
  deviceId: z.string(),
  /** Bearer token for every /sync/v1 call; the server stores only its hash. */
  token: z.string(),
  shop: shopSchema,
  /** Points earned per `yenPerPoint` yen of purchase. */
  settings: z.object({ yenPerPoint: z.number().int().positive() }),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;
