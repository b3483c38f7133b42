import type { StaffPutRequest } from '../../src/protocol/index.ts';
import { writeStaff } from '../services/staff/staff-docs.ts';
import type { Queryable } from '../store/sql.ts';
import { DEMO_LOCATIONS } from './locations.ts';
import { DEMO_MANAGER_PIN } from './manager-pin.ts';

/**
 * The demo chain's staff (issue 6), printed at start and used by the README
 * and the browser tests: a clerk and a manager per shop, one hq user. The
 * managers keep the PIN the demo has used for migration approval since issue 4.
 */
export const DEMO_CLERK_PIN = '1111';
export const DEMO_HQ_PIN = '9999';
export const DEMO_HQ_STAFF_ID = 'hq-admin';

export interface DemoStaff {
  staffId: string;
  request: StaffPutRequest & { pin: string };
}

const SHOP_STAFF: Record<string, { clerk: string; manager: string }> = {
  'shop-shibuya': { clerk: '青木 さくら', manager: '渡辺 健' },
  'shop-umeda': { clerk: '中村 陽菜', manager: '小林 誠' },
  'shop-tenjin': { clerk: '松本 蓮', manager: '井上 直美' },
};

/** `shop-shibuya` → `shibuya-clerk`, `shibuya-manager`. */
export function demoStaffId(shopId: string, role: 'clerk' | 'manager'): string {
  return `${shopId.replace(/^shop-/, '')}-${role}`;
}

export function demoStaff(): DemoStaff[] {
  const shops = DEMO_LOCATIONS.filter((location) => location.kind === 'store');
  return [
    ...shops.flatMap((shop) => {
      const names = SHOP_STAFF[shop.id] ?? { clerk: `${shop.name} スタッフ`, manager: `${shop.name} 店長` };
      return [
        { staffId: demoStaffId(shop.id, 'clerk'), request: { name: names.clerk, role: 'clerk' as const, shopId: shop.id, pin: DEMO_CLERK_PIN, active: true } },
        { staffId: demoStaffId(shop.id, 'manager'), request: { name: names.manager, role: 'manager' as const, shopId: shop.id, pin: DEMO_MANAGER_PIN, active: true } },
      ];
    }),
    { staffId: DEMO_HQ_STAFF_ID, request: { name: '本部 管理者', role: 'hq', shopId: null, pin: DEMO_HQ_PIN, active: true } },
  ];
}

/** Inside the demo load's write transaction (tablets hear of the settings when they first pull). */
export async function loadDemoStaff(tx: Queryable): Promise<void> {
  const ctx = { tx, changed: new Set<never>() };
  for (const { staffId, request } of demoStaff()) await writeStaff(ctx, staffId, request);
}
