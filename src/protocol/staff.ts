import { z } from 'zod';

/**
 * Issue 6: staff accounts. Each staff member signs in on a shop tablet with a
 * PIN that is checked offline against a PBKDF2 hash (src/domain/manager-pin.ts
 * derives it); the hash reaches the tablets of the staff member's shop as a
 * document of the `settings` collection (id `staff:<staffId>`), and hq staff
 * (no shop) reach every tablet.
 */
export const STAFF_ROLES = ['clerk', 'manager', 'hq'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles whose PIN approves a guarded action (redeem above the offline cap, large migration, adjustment, merge). */
export const APPROVER_ROLES: readonly StaffRole[] = ['manager', 'hq'];

export const STAFF_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const STAFF_PIN_PATTERN = /^\d{4,8}$/;
export const STAFF_SETTINGS_PREFIX = 'staff:';

export const pinHashSchema = z.object({
  salt: z.string().min(1).max(64),
  iterations: z.number().int().min(1_000).max(10_000_000),
  hash: z.string().min(1).max(128),
});

/** A staff member as tablets see it (inside a settings document). */
export const staffSchema = z
  .object({
    staffId: z.string().regex(STAFF_ID_PATTERN),
    name: z.string().min(1).max(80),
    role: z.enum(STAFF_ROLES),
    /** null: hq staff, valid on every shop's tablets. */
    shopId: z.string().max(32).nullable(),
    pin: pinHashSchema,
    /** false: left the company; the document stays so old audit events still name them. */
    active: z.boolean(),
  })
  .meta({ id: 'Staff' });
export type Staff = z.infer<typeof staffSchema>;

/** `PUT /api/v1/staff/:staffId`: create or update; the server hashes the PIN. */
export const staffPutRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    role: z.enum(STAFF_ROLES),
    shopId: z.string().min(1).max(32).nullable(),
    /** Required when the staff member is new; absent on update keeps the PIN. */
    pin: z.string().regex(STAFF_PIN_PATTERN).optional(),
    active: z.boolean().default(true),
  })
  .meta({ id: 'StaffPutRequest' });
export type StaffPutRequest = z.infer<typeof staffPutRequestSchema>;

/** What the API answers about a staff member: never the PIN hash. */
export const staffSummarySchema = staffSchema.omit({ pin: true }).extend({ updatedAt: z.string() }).meta({ id: 'StaffSummary' });
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const staffIdParamsSchema = z.object({ staffId: z.string().regex(STAFF_ID_PATTERN) });

/**
 * Tablet security settings, one `settings` document (id `device-policy`).
 * Defaults apply until HQ changes them or the document first arrives.
 */
export const devicePolicySchema = z.object({
  /** The offline lease: a tablet that has not reached the server for this long locks. */
  leaseHours: z.number().int().min(1).max(24 * 30),
  /** The signed-in staff member is signed out after this long without a touch. */
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Wrong PINs in a row on one tablet before the staff member is locked out there. */
  maxWrongPins: z.number().int().min(1).max(20),
  lockoutMinutes: z.number().int().min(1).max(24 * 60),
  /** Members a tablet holds: its shop's own, plus those seen at this shop in the last N months. */
  memberWindowMonths: z.number().int().min(0).max(60),
  /** How long a member looked up online stays cached on the tablet. */
  memberCacheHours: z.number().int().min(1).max(24 * 30),
  /**
   * Issue 9: days of purchases and contacts a tablet keeps for the profile;
   * older history is read online. A default, so policies stored before it parse.
   */
  timelineWindowDays: z.number().int().min(1).max(3650).default(90),
});
export type DevicePolicy = z.infer<typeof devicePolicySchema>;
export const DEVICE_POLICY_SETTINGS_ID = 'device-policy';
export const DEFAULT_DEVICE_POLICY: DevicePolicy = {
  leaseHours: 72,
  idleLockMinutes: 5,
  maxWrongPins: 5,
  lockoutMinutes: 15,
  memberWindowMonths: 12,
  memberCacheHours: 24,
  timelineWindowDays: 90,
};

/** A manager's approval of a guarded action, as carried on the wire (the PIN itself only to the server's merge endpoint). */
export const approvalSchema = z.object({
  staffId: z.string().regex(STAFF_ID_PATTERN),
  at: z.iso.datetime({ offset: true }),
});
export type Approval = z.infer<typeof approvalSchema>;

/** A manager's PIN sent to the server to approve an HQ action (a merge, its undo); checked there, never stored. */
export const pinApprovalSchema = z
  .object({
    staffId: z.string().regex(STAFF_ID_PATTERN),
    pin: z.string().regex(STAFF_PIN_PATTERN),
  })
  .meta({ id: 'PinApproval' });
export type PinApproval = z.infer<typeof pinApprovalSchema>;

/** `GET /api/v1/staff` */
export const staffListQuerySchema = z.object({ shopId: z.string().min(1).max(32).optional() });
export const staffListSchema = z.object({ staff: z.array(staffSummarySchema) }).meta({ id: 'StaffList' });
