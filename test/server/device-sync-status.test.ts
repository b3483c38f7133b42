import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceListSchema, PROTOCOL_HEADER, PROTOCOL_VERSION, type DeviceSummary } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { backendName } from './helpers/test-store.ts';

/** Issue 10: HQ's device list shows each tablet's last sync and what it has not sent (as the tablet reports it). */
describe(`device sync status (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const tablet = (token: string) => ({ authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
  const report = (token: string, payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url: '/sync/v1/status',
      headers: { ...tablet(token), 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const listed = async (deviceId: string): Promise<DeviceSummary | undefined> =>
    deviceListSchema.parse((await h.call('GET', '/api/v1/devices')).body).devices.find((device) => device.id === deviceId);

  it('sets lastSyncAt on a pull and on a push, not on a member lookup', async () => {
    const looker = await h.enrol('検索だけの端末');
    const lookup = await h.app.inject({ url: '/sync/v1/members/lookup?q=0000000000', headers: tablet(looker.token) });
    expect(lookup.statusCode, lookup.body).toBeLessThan(500);
    expect(await listed(looker.deviceId)).toMatchObject({ lastSeenAt: expect.any(String) as unknown, lastSyncAt: null });

    const puller = await h.enrol('同期する端末');
    expect((await listed(puller.deviceId))?.lastSyncAt).toBeNull();
    const before = Date.now() - 1000;
    expect((await h.app.inject({ url: '/sync/v1/products/pull', headers: tablet(puller.token) })).statusCode).toBe(200);
    const pulled = await listed(puller.deviceId);
    expect(Date.parse(pulled?.lastSyncAt ?? '')).toBeGreaterThanOrEqual(before);

    const pusher = await h.enrol('送る端末');
    const push = await h.app.inject({ method: 'POST', url: '/sync/v1/members/push', headers: tablet(pusher.token), payload: [] });
    expect(push.statusCode, push.body).toBe(200);
    expect(Date.parse((await listed(pusher.deviceId))?.lastSyncAt ?? '')).toBeGreaterThanOrEqual(before);
  });

  it('stores the newest pending report and returns it on the device list', async () => {
    const device = await h.enrol('未送信のある端末');
    expect((await listed(device.deviceId))?.pending).toBeNull();

    const first = await report(device.token, { pending: { point_entries: 3, orders: 1 }, oldestPendingAt: '2026-12-01T09:00:00+09:00' });
    expect(first.statusCode, first.body).toBe(204);
    const stored = (await listed(device.deviceId))?.pending;
    expect(stored).toMatchObject({ pending: { point_entries: 3, orders: 1 }, oldestPendingAt: '2026-12-01T00:00:00.000Z' });
    expect(Date.parse(stored?.reportedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    expect((await report(device.token, { pending: { point_entries: 0 }, oldestPendingAt: null })).statusCode).toBe(204);
    expect((await listed(device.deviceId))?.pending).toMatchObject({ pending: { point_entries: 0 }, oldestPendingAt: null });
    // Another tablet's report is its own.
    expect((await listed(h.device.deviceId))?.pending).toBeNull();
  });

  it('refuses bad reports with 400 and keeps the last good one', async () => {
    const device = await h.enrol('壊れた報告の端末');
    expect((await report(device.token, { pending: { point_entries: 2 }, oldestPendingAt: null })).statusCode).toBe(204);
    const good = (await listed(device.deviceId))?.pending;

    const bad: unknown[] = [
      { pending: { point_entries: -1 }, oldestPendingAt: null },
      { pending: { point_entries: 1.5 }, oldestPendingAt: null },
      { pending: { no_such_collection: 1 }, oldestPendingAt: null },
      { pending: { point_entries: 1 }, oldestPendingAt: 'yesterday' },
      { pending: { point_entries: 1 } },
      { pending: { point_entries: 1 }, oldestPendingAt: null, extra: true },
      [],
      '{not json',
    ];
    for (const payload of bad) {
      const answer = await report(device.token, payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.json<{ error: string }>().error).toMatch(/^invalid-/);
    }
    expect((await listed(device.deviceId))?.pending).toEqual(good);

    const stranger = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/status',
      headers: { ...tablet('not-a-token'), 'content-type': 'application/json' },
      payload: JSON.stringify({ pending: { point_entries: 9 }, oldestPendingAt: null }),
    });
    expect(stranger.statusCode).toBe(401);
    expect((await listed(device.deviceId))?.pending).toEqual(good);
    expectError(await h.call('GET', '/api/v1/devices', undefined, {}), 401, 'unauthorized');
  });
});
