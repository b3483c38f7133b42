import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperCardNo } from '../../src/domain/paper-card.ts';
import { DEFAULT_DEVICE_POLICY, type AuditEvent } from '../../src/protocol/index.ts';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { DEMO_CLERK_PIN } from '../../server/demo/staff.ts';
import { launchChromium } from './support/browser.ts';
import { identifyWithPhone, pairMemberPhone } from './support/member-phone.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import {
  FIRST_SYNC_MS,
  LIVENESS_MS,
  approveAsManager,
  enrol,
  enterPin,
  findMember,
  messageTone,
  openTablet,
  pointsOf,
  reloadSignedIn,
  signIn,
  unsentCount,
  waitForState,
  type Tablet,
} from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);
const MIGRATION_MEMBER_NO = String(FIRST_MEMBER_NO + 2);
const CARD = paperCardNo(7_777);
const WRONG = '0000';
const MAX_WRONG = DEFAULT_DEVICE_POLICY.maxWrongPins;

/** The tablet's own audit log, read straight from its IndexedDB (RxDB's Dexie storage: one database per collection). */
async function localAudit(tablet: Tablet): Promise<AuditEvent[]> {
  return tablet.page.evaluate(
    () =>
      new Promise<AuditEvent[]>((resolve, reject) => {
        const open = indexedDB.open('rxdb-dexie-tenpo--0--audit_events');
        open.onerror = () => reject(new Error('audit_events storage did not open'));
        open.onsuccess = () => {
          const request = open.result.transaction('docs').objectStore('docs').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as AuditEvent[]);
          };
          request.onerror = () => reject(new Error('audit_events not readable'));
        };
      }),
  );
}

async function auditOf(tablet: Tablet, action: AuditEvent['action']): Promise<AuditEvent[]> {
  return (await localAudit(tablet)).filter((event) => event.action === action);
}

/**
 * Issue 6: staff sign in with a PIN checked offline; wrong PINs lock a staff
 * member out on this tablet (a reload does not help); idle tablets lock; a
 * manager's PIN approves what a clerk alone may not do, and the approval is
 * recorded.
 */
describe('staff sign-in, lock-out, idle lock and manager approval', () => {
  let server: TestServer;
  let browser: Browser;
  let counter: Tablet;
  let phone: Awaited<ReturnType<typeof pairMemberPhone>>;

  beforeAll(async () => {
    server = await startTestServer(100);
    phone = await pairMemberPhone(server, MEMBER_NO);
    browser = await launchChromium();
    counter = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    // The support helper signs the demo clerk in once the first settings sync brought the staff.
    await enrol(counter, server.enrolmentCode, 'レジ1');
    await findMember(counter, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await waitForState(counter, 'synced', FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in with a PIN, shows who is signed in, and records the sign-in', async () => {
    const badge = counter.page.getByTestId('signed-in-staff');
    expect(await badge.getAttribute('data-role')).toBe('clerk');
    const signIns = await auditOf(counter, 'staff-sign-in');
    expect(signIns.map((event) => event.staffId)).toEqual([await badge.getAttribute('data-staff-id')]);
    expect(signIns[0]?.deviceId).not.toBeNull();
  });

  it('lets nobody in before the first settings sync has brought the staff, then lists them', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' });
    const settingsPull = '**/sync/v1/settings/pull**';
    await context.route(settingsPull, (route) => route.abort());
    const tablet = await openTablet(context, server.url);
    const { page } = tablet;
    await page.getByTestId('enrol-code').fill(server.enrolmentCode);
    await page.getByTestId('enrol-device-name').fill('レジ0');
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('sign-in-not-synced').waitFor({ timeout: LIVENESS_MS });
    expect(await page.getByTestId('staff-option').count()).toBe(0);
    expect(await page.getByTestId('member-search').count()).toBe(0);

    await context.unroute(settingsPull);
    await signIn(tablet);
    await page.getByTestId('member-search').waitFor({ timeout: LIVENESS_MS });
    await context.close();
  });

  it(`locks a staff member out after ${MAX_WRONG} wrong PINs in a row, and a reload does not unlock`, async () => {
    const tablet = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ2');
    const { page } = tablet;
    const clerkId = await page.getByTestId('signed-in-staff').getAttribute('data-staff-id');
    await page.getByTestId('staff-sign-out').click();

    const screen = page.getByTestId('sign-in-screen');
    await screen.locator(`[data-testid="staff-option"][data-staff-id="${clerkId}"]`).click();
    const failure = screen.getByTestId('pin-failure');
    for (let i = 1; i < MAX_WRONG; i += 1) {
      await enterPin(screen, WRONG);
      await expect.poll(() => failure.getAttribute('data-reason')).toBe('wrong-pin');
      await expect.poll(() => failure.textContent()).toContain(`あと${MAX_WRONG - i}回`);
    }
    await enterPin(screen, WRONG);
    await expect.poll(() => failure.getAttribute('data-reason')).toBe('locked-out');
    expect(await screen.getByTestId('pin-key-1').isDisabled()).toBe(true);

    await page.reload();
    await screen.locator(`[data-testid="staff-option"][data-staff-id="${clerkId}"]`).click({ timeout: LIVENESS_MS });
    await expect.poll(() => screen.getByTestId('pin-failure').getAttribute('data-reason')).toBe('locked-out');
    expect(await screen.getByTestId('pin-key-1').isDisabled()).toBe(true);
    expect(await page.getByTestId('signed-in-staff').count()).toBe(0);
    const lockouts = await auditOf(tablet, 'staff-lockout');
    expect(lockouts.map((event) => event.staffId)).toEqual([clerkId]);

    // Another staff member is not locked out: the manager signs in.
    await screen.getByTestId('staff-choose-again').click();
    await screen.locator('[data-testid="staff-option"][data-role="manager"]').click();
    await enterPin(screen, '2580');
    await page.locator('[data-testid="signed-in-staff"][data-role="manager"]').waitFor({ timeout: LIVENESS_MS });
    await tablet.context.close();
  });

  it('locks an idle tablet: back to the sign-in screen after idleLockMinutes without a touch', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(server.url);
    const tablet: Tablet = { context, page };
    await enrol(tablet, server.enrolmentCode, 'レジ3');
    await page.clock.fastForward((DEFAULT_DEVICE_POLICY.idleLockMinutes - 1) * 60_000);
    expect(await page.getByTestId('signed-in-staff').count()).toBe(1);
    await page.clock.fastForward(2 * 60_000);
    await page.getByTestId('sign-in-screen').waitFor({ timeout: LIVENESS_MS });
    expect(await page.getByTestId('signed-in-staff').count()).toBe(0);
    await context.close();
  });

  it('an offline redemption above the per-purchase cap needs a manager, and is recorded with the approver', async () => {
    await identifyWithPhone(counter, phone);
    // Enough points for a redemption above the offline per-purchase cap (3,000).
    await counter.page.getByTestId('earn-amount').fill('800000');
    await counter.page.getByTestId('earn-submit').click();
    await expect.poll(() => unsentCount(counter), { timeout: LIVENESS_MS }).toBe(0);
    await expect.poll(() => pointsOf(counter, 'balance-available'), { timeout: LIVENESS_MS }).toBeGreaterThan(4_000);

    await counter.context.setOffline(true);
    await waitForState(counter, 'offline');
    await expect.poll(() => counter.page.getByTestId('redeem-limit').getAttribute('data-bound'), { timeout: LIVENESS_MS }).toBe('per-transaction-cap');
    await counter.page.getByTestId('redeem-points').fill('3500');
    await counter.page.getByTestId('redeem-submit').click();
    const dialog = counter.page.getByTestId('approval-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('data-action')).toBe('redemption');
    // Only managers and hq may approve.
    expect(await dialog.locator('[data-testid="staff-option"][data-role="clerk"]').count()).toBe(0);
    await dialog.getByTestId('approval-cancel').click();
    expect(await unsentCount(counter)).toBe(0);

    await counter.page.getByTestId('redeem-submit').click();
    await approveAsManager(counter);
    await expect.poll(() => messageTone(counter), { timeout: LIVENESS_MS }).toBe('success');
    expect(await unsentCount(counter)).toBe(1);
    const clerkId = await counter.page.getByTestId('signed-in-staff').getAttribute('data-staff-id');
    const [redemption] = (await auditOf(counter, 'redemption')).filter((event) => event.detail.overCap === true);
    expect(redemption).toMatchObject({ staffId: clerkId, approvedBy: expect.stringMatching(/-manager$/) as string, detail: { points: 3_500 } });

    await counter.context.setOffline(false);
    await expect.poll(() => unsentCount(counter), { timeout: LIVENESS_MS }).toBe(0);
  });

  it('a manual adjustment needs a manager, travels with the approver to the server, and is recorded', async () => {
    await reloadSignedIn(counter);
    await findMember(counter, MEMBER_NO, MEMBER_NO);
    await counter.page.getByTestId('adjust-open').click();
    await counter.page.getByTestId('adjust-points').fill('120');
    await counter.page.getByTestId('adjust-ref').fill('E2E-ADJ');
    await counter.page.getByTestId('adjust-submit').click();
    await approveAsManager(counter);
    await expect.poll(() => messageTone(counter), { timeout: LIVENESS_MS }).toBe('success');
    await expect.poll(() => unsentCount(counter), { timeout: LIVENESS_MS }).toBe(0);

    // The unsent count can read 0 a moment before the new entry is counted: wait for the server to have it.
    const postedAdjustments = async () =>
      (
        await server.store.query<{ staff_id: string; points: number; direction: string }>(
          "select staff_id, points, direction from point_entries where type = 'adjust' and ref = 'E2E-ADJ'",
        )
      ).rows;
    await expect.poll(async () => (await postedAdjustments()).length, { timeout: LIVENESS_MS }).toBe(1);
    const rows = await postedAdjustments();
    expect(rows).toEqual([{ staff_id: expect.stringMatching(/-manager$/) as string, points: 120, direction: 'credit' }]);
    const [adjustment] = await auditOf(counter, 'adjustment');
    expect(adjustment?.approvedBy).toBe(rows[0]?.staff_id);
    // The audit log is pushed: the server's table holds the same event.
    const serverAudit = async () =>
      (await server.store.query<{ approved_by: string }>("select approved_by from audit_events where action = 'adjustment' and id = $1", [adjustment?.id]))
        .rows;
    await expect.poll(serverAudit, { timeout: LIVENESS_MS }).toEqual([{ approved_by: rows[0]?.staff_id }]);
  });

  it('a migration above the threshold needs a manager, and is recorded with the approver', async () => {
    const { page } = counter;
    await page.evaluate(() => {
      window.location.hash = '#/migrate';
    });
    await page.getByTestId('migrate-member-query').fill(MIGRATION_MEMBER_NO);
    await page.getByTestId('migrate-member-submit').click();
    await page.locator(`[data-testid="migrate-member-option"][data-member-no="${MIGRATION_MEMBER_NO}"]`).click();
    await page.getByTestId('migrate-card-no').fill(CARD);
    await page.getByTestId('migrate-card-next').click();
    await page.getByTestId('migrate-points').fill('6000');
    await page.getByTestId('migrate-points-next').click();
    await page.getByTestId('migrate-photo-skip').click();
    await page.getByTestId('migrate-needs-approval').waitFor();

    await page.getByTestId('migrate-confirm').click();
    const dialog = page.getByTestId('approval-dialog');
    expect(await dialog.getAttribute('data-action')).toBe('migration');
    // A wrong manager PIN is refused (and counted, and audited).
    await dialog.locator('[data-testid="staff-option"][data-role="manager"]').click();
    await enterPin(dialog, DEMO_CLERK_PIN);
    await expect.poll(() => dialog.getByTestId('pin-failure').getAttribute('data-reason')).toBe('wrong-pin');
    await dialog.getByTestId('approval-cancel').click();
    expect(await page.locator('[data-testid="migrate-result"]').count()).toBe(0);

    await page.getByTestId('migrate-confirm').click();
    await approveAsManager(counter);
    await page.locator('[data-testid="migrate-result"]').first().waitFor({ timeout: LIVENESS_MS });
    const [migration] = await auditOf(counter, 'migration');
    expect(migration).toMatchObject({ approvedBy: expect.stringMatching(/-manager$/) as string, detail: { points: 6_000 } });
    expect((await auditOf(counter, 'approval-refused')).length).toBe(1);
  });
});
