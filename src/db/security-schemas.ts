import type { RxJsonSchema } from 'rxdb';
import type { AuditEvent, SettingsDoc } from '../protocol/index.ts';
import { ID, TIME } from './schema-fields.ts';

/**
 * Server-owned settings, one document per kind: the points policy, the device
 * policy, or one staff member (src/protocol/policy.ts). Each body is stored as
 * an opaque object and parsed with the protocol schema when read: HQ may add
 * fields before this tablet knows them, and a stricter schema here would
 * refuse the whole document. v1 (issue 6): the policy became optional and
 * devicePolicy / staff were added.
 */
export const settingsRxSchema: RxJsonSchema<SettingsDoc> = {
  title: 'settings',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    pointsPolicy: { type: 'object' },
    devicePolicy: { type: 'object' },
    staff: { type: 'object' },
    updatedAt: TIME,
  },
  required: ['id', 'updatedAt'],
};

/**
 * The audit log (issue 6): written on the tablet, pushed, never pulled. The
 * local copy is what has not been acknowledged yet plus recent history; the
 * server is the record.
 */
export const auditEventRxSchema: RxJsonSchema<AuditEvent> = {
  title: 'audit_events',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    action: { type: 'string', maxLength: 40 },
    at: TIME,
    staffId: { type: ['string', 'null'], maxLength: 32 },
    deviceId: { type: ['string', 'null'], maxLength: 64 },
    shopId: { type: ['string', 'null'], maxLength: 32 },
    memberId: { type: ['string', 'null'], maxLength: 64 },
    approvedBy: { type: ['string', 'null'], maxLength: 32 },
    detail: { type: 'object' },
  },
  required: ['id', 'action', 'at', 'staffId', 'deviceId', 'shopId', 'memberId', 'approvedBy', 'detail'],
  indexes: ['at'],
};
