import { hashManagerPin } from '../../src/domain/manager-pin.ts';
import { pointsPolicy, setPointsPolicy } from '../services/settings.ts';
import type { Queryable } from '../store/sql.ts';

/**
 * The demo managers' PIN (issue 6: each demo manager's own staff PIN, see
 * staff.ts), printed at start. The migration policy still carries issue 4's
 * policy-wide hash of it, which tablets no longer read: a large migration is
 * now approved by a manager's own PIN.
 */
export const DEMO_MANAGER_PIN = '2580';
export const DEMO_APPROVAL_THRESHOLD_POINTS = 5_000;

/** Inside the demo load's write transaction (tablets are told of the settings change when they first pull). */
export async function setDemoManagerPin(tx: Queryable): Promise<void> {
  const policy = await pointsPolicy(tx);
  await setPointsPolicy(tx, {
    ...policy,
    migration: { approvalThresholdPoints: DEMO_APPROVAL_THRESHOLD_POINTS, managerPin: await hashManagerPin(DEMO_MANAGER_PIN) },
  });
}
