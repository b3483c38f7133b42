import type { RxJsonSchema } from 'rxdb';
import { CHANNELS, ENTRY_FLAGS, POINT_ENTRY_TYPES, type PointAccount, type PointEntry } from '../protocol/index.ts';
import { DATE, ENTRY_ID, ID, TIME } from './schema-fields.ts';

/**
 * The ledger on the tablet (see schemas.ts for the rules behind the shapes).
 * Version 1 is the typed ledger (eight entry types, receipt references, the
 * server's flags and repayments) and the account projection (available,
 * debt, lots, rank); migrations.ts carries version 0 documents over.
 */

export const pointEntryRxSchema: RxJsonSchema<PointEntry> = {
  title: 'point_entries',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ENTRY_ID,
    memberId: ID,
    type: { type: 'string', enum: [...POINT_ENTRY_TYPES] },
    // 0 only for the reversal of a small partial return (its yen still counts).
    points: { type: 'integer', minimum: 0 },
    amountYen: { type: 'integer', minimum: 0 },
    channel: { type: 'string', enum: [...CHANNELS] },
    shopId: { type: 'string', maxLength: 32 },
    deviceId: ID,
    staffId: ID,
    ref: { type: 'string', maxLength: 64 },
    line: { type: 'string', maxLength: 32 },
    reverses: ENTRY_ID,
    reversesType: { type: 'string', enum: ['earn', 'redeem'] },
    direction: { type: 'string', enum: ['credit', 'debit'] },
    expiresOn: DATE,
    lotId: { type: 'string', maxLength: 100 },
    rule: { type: 'string', maxLength: 200 },
    campaignId: ID,
    offline: { type: 'boolean' },
    createdAt: TIME,
    postingNo: { type: 'integer', minimum: 1 },
    postedAt: TIME,
    at: TIME,
    flags: { type: 'array', items: { type: 'string', enum: [...ENTRY_FLAGS] } },
    repaid: { type: 'integer', minimum: 1 },
  },
  required: ['id', 'memberId', 'type', 'points', 'amountYen', 'channel', 'shopId', 'deviceId', 'staffId', 'ref', 'createdAt'],
  indexes: [
    // A member's ledger, newest first (balance and recent entries).
    ['memberId', 'createdAt'],
    // This device's own writes: the unsent count scans only these, not the
    // whole chain's ledger that replication brings in.
    ['deviceId', 'createdAt'],
  ],
};

export const pointAccountRxSchema: RxJsonSchema<PointAccount> = {
  title: 'point_accounts',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    memberId: ID,
    balance: { type: 'integer' },
    available: { type: 'integer', minimum: 0 },
    debt: { type: 'integer', minimum: 0 },
    lots: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          // null: points that never expire (the wire's shape, kept as is).
          expiresOn: { type: ['string', 'null'], maxLength: 10 },
          points: { type: 'integer', minimum: 1 },
        },
        required: ['expiresOn', 'points'],
      },
    },
    rank: { type: 'string', maxLength: 32 },
    flaggedEntryIds: { type: 'array', items: ENTRY_ID },
    postedThrough: { type: 'integer', minimum: 0 },
    updatedAt: TIME,
  },
  required: ['id', 'memberId', 'balance', 'available', 'debt', 'lots', 'rank', 'flaggedEntryIds', 'postedThrough', 'updatedAt'],
};
