import { from, map, switchMap, type Observable } from 'rxjs';
import {
  DEFAULT_POINTS_POLICY,
  POINTS_POLICY_SETTINGS_ID,
  pointsPolicySchema,
  type PointsPolicy,
} from '../protocol/index.ts';
import { getDatabase } from './database.ts';

/**
 * The chain's points policy (earn rate, ranks, campaigns, offline caps), as
 * last synced from HQ. It supersedes the earn rate the enrolment answer
 * carried. Until the first sync brings it — or if what is stored no longer
 * parses — the tablet applies DEFAULT_POINTS_POLICY: the counter must work
 * from the first minute, and the server stays the authority on what posts.
 */
function parsePolicy(stored: unknown): PointsPolicy {
  const parsed = pointsPolicySchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  if (stored !== undefined) console.warn('stored points policy does not parse; using the default', parsed.error);
  return DEFAULT_POINTS_POLICY;
}

export async function loadPointsPolicy(): Promise<PointsPolicy> {
  const db = await getDatabase();
  const doc = await db.settings.findOne(POINTS_POLICY_SETTINGS_ID).exec();
  return parsePolicy(doc?.toMutableJSON().pointsPolicy);
}

export function observePointsPolicy(): Observable<PointsPolicy> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.settings.findOne(POINTS_POLICY_SETTINGS_ID).$),
    map((doc) => parsePolicy(doc?.toMutableJSON().pointsPolicy)),
  );
}
