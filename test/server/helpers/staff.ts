import type { PinApproval, StaffPutRequest } from '../../../src/protocol/index.ts';
import { writeStaff } from '../../../server/services/staff/staff-docs.ts';
import type { SyncServices } from '../../../server/services/sync-push.ts';
import { writeTransaction } from '../../../server/services/write-transaction.ts';
import { SHOP_A } from './fixture.ts';

/** A manager of SHOP_A whose PIN approves merges in tests. */
export const TEST_APPROVAL: PinApproval = { staffId: 'test-manager', pin: '2580' };

export async function putTestStaff(services: SyncServices, staffId: string, request: StaffPutRequest): Promise<void> {
  await writeTransaction(services.sql, services.notifier, (ctx) => writeStaff(ctx, staffId, request));
}

export async function seedTestApprover(services: SyncServices): Promise<void> {
  await putTestStaff(services, TEST_APPROVAL.staffId, { name: 'テスト 店長', role: 'manager', shopId: SHOP_A, pin: TEST_APPROVAL.pin, active: true });
}
