import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsDoc } from '../../src/protocol/index.ts';
import {
  DEFAULT_DEVICE_POLICY,
  DEFAULT_POINTS_POLICY,
  DEVICE_POLICY_SETTINGS_ID,
  POINTS_POLICY_SETTINGS_ID,
  settingsDocSchema,
} from '../../src/protocol/index.ts';
import { setPointsPolicy } from '../../server/services/settings.ts';
import { writeTransaction } from '../../server/services/write-transaction.ts';
import { openHarness, ENROLMENT_CODE, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

describe(`settings collection (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const pull = async () => {
    const res = await h.app.inject({ url: '/sync/v1/settings/pull', headers: h.headers });
    expect(res.statusCode).toBe(200);
    return res.json<{ documents: (SettingsDoc & { _deleted: boolean })[]; checkpoint: { seq: number; id: string } }>();
  };

  it('pulls the policies the migrations seeded: the protocol defaults', async () => {
    const { documents } = await pull();
    expect(documents.map((doc) => doc.id).sort()).toEqual([DEVICE_POLICY_SETTINGS_ID, POINTS_POLICY_SETTINGS_ID]);
    const doc = documents.find((each) => each.id === POINTS_POLICY_SETTINGS_ID);
    expect(settingsDocSchema.parse(documents.find((each) => each.id === DEVICE_POLICY_SETTINGS_ID))).toMatchObject({
      devicePolicy: DEFAULT_DEVICE_POLICY,
    });
    expect(doc).toMatchObject({ id: POINTS_POLICY_SETTINGS_ID, _deleted: false });
    // As tablets read it: the seeded document predates fields added since
    // (bonusRules, issue 10), which the schema's defaults fill in.
    expect(settingsDocSchema.parse(doc)).toMatchObject({ pointsPolicy: DEFAULT_POINTS_POLICY });
  });

  it('refuses a push from a tablet with 403', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/settings/push',
      headers: h.headers,
      payload: [{ newDocumentState: { id: POINTS_POLICY_SETTINGS_ID, pointsPolicy: { ...DEFAULT_POINTS_POLICY, yenPerPoint: 1 } } }],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'read-only-collection' });
  });

  it('hands a changed policy to tablets after their checkpoint, with the same earn rate at enrolment', async () => {
    const { checkpoint } = await pull();
    await writeTransaction(h.sql, h.notifier, async ({ tx, changed }) => {
      await setPointsPolicy(tx, { ...DEFAULT_POINTS_POLICY, yenPerPoint: 200, vestingDays: 3 });
      changed.add('settings');
    });
    const res = await h.app.inject({ url: `/sync/v1/settings/pull?seq=${checkpoint.seq}&id=${checkpoint.id}`, headers: h.headers });
    expect(res.json<{ documents: SettingsDoc[] }>().documents).toMatchObject([{ pointsPolicy: { yenPerPoint: 200, vestingDays: 3 } }]);
    const enrol = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: ENROLMENT_CODE, deviceName: 'レジ9' } });
    expect(enrol.json()).toMatchObject({ settings: { yenPerPoint: 200 } });
  });
});
