import type { RxJsonSchema } from 'rxdb';
import type { Location, Order, StockSummary } from '../protocol/index.ts';
import { ID, JAN, TIME } from './schema-fields.ts';

/** RxDB schemas of cross-channel stock and endless-aisle orders (rules in schemas.ts). */

export const locationRxSchema: RxJsonSchema<Location> = {
  title: 'locations',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 32 },
    kind: { type: 'string', enum: ['store', 'warehouse'] },
    name: { type: 'string', maxLength: 100 },
    updatedAt: TIME,
  },
  required: ['id', 'kind', 'name', 'updatedAt'],
};

export const stockSummaryRxSchema: RxJsonSchema<StockSummary> = {
  title: 'stock_summaries',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: JAN,
    jan: JAN,
    locations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          locationId: { type: 'string', maxLength: 32 },
          available: { type: 'integer', minimum: 0 },
          updatedAt: TIME,
        },
        required: ['locationId', 'available', 'updatedAt'],
      },
    },
    updatedAt: TIME,
  },
  required: ['id', 'jan', 'locations', 'updatedAt'],
};

export const orderRxSchema: RxJsonSchema<Order> = {
  title: 'orders',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 100 },
    jan: JAN,
    quantity: { type: 'integer', minimum: 1, maximum: 99 },
    fromLocation: { type: 'string', maxLength: 32 },
    shopId: { type: 'string', maxLength: 32 },
    fulfilment: { type: 'string', enum: ['pickup', 'ship'] },
    memberId: ID,
    status: { type: 'string', maxLength: 16 },
    reason: { type: 'string', maxLength: 64 },
    alternatives: {
      type: 'array',
      items: {
        type: 'object',
        properties: { locationId: { type: 'string', maxLength: 32 }, available: { type: 'integer', minimum: 0 } },
        required: ['locationId', 'available'],
      },
    },
    channel: { type: 'string', enum: ['store', 'ec'] },
    deviceId: ID,
    staffId: ID,
    offline: { type: 'boolean' },
    createdAt: TIME,
    updatedAt: TIME,
  },
  required: [
    'id',
    'jan',
    'quantity',
    'fromLocation',
    'shopId',
    'fulfilment',
    'memberId',
    'status',
    'reason',
    'alternatives',
    'channel',
    'deviceId',
    'staffId',
    'offline',
    'createdAt',
    'updatedAt',
  ],
  // This shop's orders, newest first; a product's open orders.
  indexes: [['shopId', 'createdAt'], 'jan'],
};
