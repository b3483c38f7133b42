import { STAFF_ID_PATTERN, STAFF_PIN_PATTERN, TenpoError, type StaffPutRequest, type StaffRole } from '../../protocol/index.ts';

/** What the staff form holds: strings as typed. */
export interface StaffDraft {
  staffId: string;
  name: string;
  role: StaffRole;
  /** '' when none is chosen (and always for hq). */
  shopId: string;
  /** '' keeps the PIN on an update. */
  pin: string;
  active: boolean;
}

export type StaffField = 'staffId' | 'name' | 'shopId' | 'pin';
export type StaffProblem =
  | 'required'
  | 'staffIdFormat'
  | 'staffIdTaken'
  | 'nameTooLong'
  | 'shopRequired'
  | 'shopUnknown'
  | 'pinFormat'
  | 'pinRequired'
  | 'invalid';
export type StaffProblems = Partial<Record<StaffField, StaffProblem>>;

export interface StaffCheck {
  isNew: boolean;
  takenIds: ReadonlySet<string>;
  shopIds: ReadonlySet<string>;
}

/**
 * The same rules as the server (protocol schema, staff-docs.ts), checked
 * before sending so each field says what to fix; the server still decides.
 */
export function checkStaff(draft: StaffDraft, check: StaffCheck): { request: StaffPutRequest } | { problems: StaffProblems } {
  const problems: StaffProblems = {};
  const staffId = draft.staffId.trim();
  if (check.isNew) {
    if (staffId === '') problems.staffId = 'required';
    else if (!STAFF_ID_PATTERN.test(staffId)) problems.staffId = 'staffIdFormat';
    else if (check.takenIds.has(staffId)) problems.staffId = 'staffIdTaken';
  }
  const name = draft.name.trim();
  if (name === '') problems.name = 'required';
  else if (name.length > 80) problems.name = 'nameTooLong';
  const hq = draft.role === 'hq';
  if (!hq && draft.shopId === '') problems.shopId = 'shopRequired';
  else if (!hq && !check.shopIds.has(draft.shopId)) problems.shopId = 'shopUnknown';
  const pin = draft.pin.trim();
  if (pin === '' && check.isNew) problems.pin = 'pinRequired';
  else if (pin !== '' && !STAFF_PIN_PATTERN.test(pin)) problems.pin = 'pinFormat';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    request: { name, role: draft.role, shopId: hq ? null : draft.shopId, active: draft.active, ...(pin === '' ? {} : { pin }) },
  };
}

/** A 422 from the server names fields in details (staff-docs.ts, schema issues): show them on the form. */
export function problemsFromServer(error: unknown): StaffProblems | null {
  if (!(error instanceof TenpoError) || error.code !== 'unprocessable' || !Array.isArray(error.details)) return null;
  const problems: StaffProblems = {};
  for (const detail of error.details as unknown[]) {
    const path = typeof detail === 'object' && detail !== null && 'path' in detail ? String(detail.path) : '';
    const message = typeof detail === 'object' && detail !== null && 'message' in detail ? String(detail.message) : '';
    if (path === 'shopId') problems.shopId = message.includes('role') ? 'shopRequired' : 'shopUnknown';
    else if (path === 'pin') problems.pin = 'pinRequired';
    else if (path === 'name') problems.name = 'invalid';
  }
  return Object.keys(problems).length > 0 ? problems : null;
}
