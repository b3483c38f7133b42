import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listDevices } from '../../server/services/device-admin.ts';
import { startTenpo, type RunningTenpo } from '../../server/start.ts';
import type { DeviceStatusReport } from '../../src/protocol/index.ts';
import { createStatusReporter, postStatusReport, STATUS_REFRESH_MS, statusReportOf } from '../../src/sync/status-report.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';

/**
 * The tablet's half of HQ's pending counts: what the sync engine feeds the
 * reporter (its unsent ledger entries) reaches the real server's device list,
 * and the reporter sends a change once, again after a failure, not on every contact.
 */
let server: RunningTenpo;
let device: { deviceId: string; token: string };

beforeAll(async () => {
  server = await startTenpo({ port: 0, host: '127.0.0.1', demo: { members: 20 }, logger: false });
  const code = server.enrolmentCode;
  if (!code) throw new Error('the demo server has no enrolment code');
  device = await createHttpTransport({ baseUrl: server.url, token: null }).enrol({ code, deviceName: 'status tablet' });
});

afterAll(async () => {
  await server?.close();
});

const pendingOnServer = async () => (await listDevices(server.store)).devices.find((d) => d.id === device.deviceId)?.pending ?? null;

describe('tablet status report', () => {
  it('brings the unsent ledger entries to the server', async () => {
    const reporter = createStatusReporter((report) => postStatusReport({ baseUrl: server.url, token: device.token }, report));
    expect(await pendingOnServer()).toBeNull();
    reporter.note(statusReportOf({ count: 2, oldestAt: '2026-12-04T01:02:03.000Z' }));
    await vi.waitFor(async () => expect(await pendingOnServer()).toMatchObject({ pending: { point_entries: 2 }, oldestPendingAt: '2026-12-04T01:02:03.000Z' }));
    reporter.note(statusReportOf({ count: 0, oldestAt: null }));
    await vi.waitFor(async () => expect(await pendingOnServer()).toMatchObject({ pending: { point_entries: 0 }, oldestPendingAt: null }));
  });

  it('sends a change once, retries a failed report on the next contact, refreshes an old one', async () => {
    let clock = 0;
    const sent: DeviceStatusReport[] = [];
    let failNext = true;
    // Awaiting this resumes only after the reporter's own handlers of the same answer have run.
    let answered: Promise<unknown> = Promise.resolve();
    const reporter = createStatusReporter((report) => {
      sent.push(report);
      const answer = failNext ? Promise.reject(new Error('offline')) : Promise.resolve();
      failNext = false;
      answered = answer.catch(() => undefined);
      return answer;
    }, () => clock);
    const one = statusReportOf({ count: 1, oldestAt: '2026-12-04T00:00:00.000Z' });

    reporter.note(one);
    expect(sent).toHaveLength(1);
    await answered;
    // Failed (offline): the next contact sends it again.
    reporter.flush();
    expect(sent).toHaveLength(2);
    // Answered: the same count is not sent again on each contact…
    await answered;
    reporter.flush();
    reporter.note(one);
    expect(sent).toHaveLength(2);
    // …until it is old enough to refresh HQ's "reported at".
    clock += STATUS_REFRESH_MS;
    reporter.flush();
    expect(sent).toHaveLength(3);
    expect(sent.every((report) => report.pending.point_entries === 1)).toBe(true);
  });
});
