/** Where members shop and stock sits: three shops across Japan and the EC warehouse. */
export interface DemoLocation {
  id: string;
  kind: 'store' | 'warehouse';
  name: string;
}

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  { id: 'shop-shibuya', kind: 'store', name: '渋谷店' },
  { id: 'shop-umeda', kind: 'store', name: '梅田店' },
  { id: 'shop-tenjin', kind: 'store', name: '天神店' },
  { id: 'ec-warehouse', kind: 'warehouse', name: 'EC倉庫' },
];

export const DEMO_SHOP_IDS: readonly string[] = DEMO_LOCATIONS.filter((l) => l.kind === 'store').map((l) => l.id);

/**
 * Home shop of a new member: the flagship in Shibuya signs up the most; ''
 * is a member who joined on the EC site and has no home shop.
 */
export const HOME_SHOP_CHOICES: readonly string[] = [...DEMO_SHOP_IDS, ''];
export const HOME_SHOP_WEIGHTS: readonly number[] = [40, 28, 20, 12];
