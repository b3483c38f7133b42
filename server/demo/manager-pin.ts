import { hashManagerPin } from '../../src/domain/manager-pin.ts';
import { pointsPolicy, setPointsPolicy } from '../services/settings.ts';
import type { Queryable } from '../store/sql.ts';

/**
 * The demo chain's manager PIN for paper card migrations above the approval
 * threshold, printed at start next to the enrolment codes. Only its hash is
 * stored and replicated (src/domain/manager-pin.ts).
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
