import { z } from 'zod';
import { isValidJan } from '../domain/jan.ts';
import { FULFILMENTS, orderSchema, type OrderStatus } from './documents.ts';
import { idempotencyKeySchema, memberNoSchema } from './api.ts';

/**
 * /api/v1/orders: endless-aisle orders from the EC site or HQ tools. Same
 * idempotency rules as points: the key becomes the order id; a retry with the
 * same content gets the stored order, other content is a 409.
 */
export const orderRequestSchema = z
  .object({
    /** Made by the caller before the first attempt and reused on every retry; becomes the order id. */
    idempotencyKey: idempotencyKeySchema.max(64),
    jan: z.string().regex(/^\d{13}$/, 'a JAN is 13 digits').refine(isValidJan, 'the JAN check digit is wrong'),
    quantity: z.int().min(1).max(99),
    /** Location id the goods come from: a shop or the EC warehouse. */
    fromLocation: z.string().min(1).max(32),
    memberNo: memberNoSchema.optional(),
    fulfilment: z.enum(FULFILMENTS),
    /** The shop that takes the order (and where a pickup waits); absent for the EC site. */
    shopId: z.string().max(32).optional(),
  })
  .refine((r) => r.fulfilment !== 'pickup' || (r.shopId ?? '') !== '', { path: ['shopId'], message: 'a pickup needs the shop it is picked up at' })
  .meta({ id: 'OrderRequest' });
export type OrderRequest = z.infer<typeof orderRequestSchema>;

/** An order as stored, with the member's number (what the EC site knows); the same body on every replay. */
export const apiOrderSchema = orderSchema.extend({ memberNo: z.string() }).meta({ id: 'Order' });
export type ApiOrder = z.infer<typeof apiOrderSchema>;

export const orderIdParamsSchema = z.object({ id: orderSchema.shape.id });

/** The statuses a caller may move an order to; pending, confirmed and refused are the server's. */
export const ORDER_TARGET_STATUSES = ['ready', 'shipped', 'completed', 'cancelled'] as const satisfies readonly OrderStatus[];

export const orderStatusRequestSchema = z.object({ status: z.enum(ORDER_TARGET_STATUSES) }).meta({ id: 'OrderStatusRequest' });
export type OrderStatusRequest = z.infer<typeof orderStatusRequestSchema>;
