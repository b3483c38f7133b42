import { loadEnrolment } from '../db/enrolment.ts';
import { APPROVER_ROLES, type Approval } from '../protocol/index.ts';
import { loadStaff } from './staff-records.ts';

/**
 * Whether an approval names someone who may approve on this tablet: an active
 * manager of this shop, or hq. The dialog checked the PIN; the guarded
 * operation checks this again on what is stored, whatever the screen did.
 */
export async function isValidApproval(approval: Approval | undefined): Promise<boolean> {
  if (!approval) return false;
  const [staff, enrolment] = await Promise.all([loadStaff(approval.staffId), loadEnrolment()]);
  if (!staff || !enrolment || !staff.active || !APPROVER_ROLES.includes(staff.role)) return false;
  return staff.shopId === null || staff.shopId === enrolment.shop.id;
}
