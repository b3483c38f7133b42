import type { RxJsonSchema } from 'rxdb';
import { TIMELINE_CHANNELS, TIMELINE_DOC_KINDS, type TimelineDoc } from '../protocol/index.ts';
import { ID, JAN, TIME } from './schema-fields.ts';

/**
 * The profile's purchases and contacts (issue 9), mirroring timelineDocSchema
 * (src/protocol/timeline-doc.ts) field for field; rules in schemas.ts.
 */
export const timelineRxSchema: RxJsonSchema<TimelineDoc> = {
  title: 'timeline',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    // `purchase:` or `contact:` + an id of up to 110 characters.
    id: { type: 'string', maxLength: 120 },
    memberId: ID,
    kind: { type: 'string', enum: [...TIMELINE_DOC_KINDS] },
    channel: { type: 'string', enum: [...TIMELINE_CHANNELS] },
    at: TIME,
    shopId: { type: 'string', maxLength: 32 },
    ref: { type: 'string', maxLength: 64 },
    totalYen: { type: 'integer', minimum: 0 },
    lines: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          jan: JAN,
          name: { type: 'string', maxLength: 100 },
          quantity: { type: 'integer', minimum: 1, maximum: 9_999 },
          amountYen: { type: 'integer', minimum: 0 },
        },
        required: ['jan', 'name', 'quantity', 'amountYen'],
      },
    },
    summary: { type: 'string', maxLength: 500 },
    staff: { type: 'string', maxLength: 64 },
    updatedAt: TIME,
  },
  required: ['id', 'memberId', 'kind', 'channel', 'at', 'shopId', 'ref', 'totalYen', 'lines', 'summary', 'staff', 'updatedAt'],
  // One member's history by time (the profile reads the member and their merged records).
  indexes: [['memberId', 'at']],
};
