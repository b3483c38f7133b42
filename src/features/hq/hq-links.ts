/**
 * Every HQ screen, in the order HQ's navigation and home list them. Plain
 * hrefs: some screens are added by other parts of issue 10 (dashboard,
 * campaigns, month-end), and a link is all the navigation needs.
 */
export const HQ_LINKS = [
  { key: 'dashboard', href: '#/hq/dashboard' },
  { key: 'campaigns', href: '#/hq/campaigns' },
  { key: 'closes', href: '#/hq/closes' },
  { key: 'devices', href: '#/hq/devices' },
  { key: 'staff', href: '#/hq/staff' },
  { key: 'shops', href: '#/hq/shops' },
  { key: 'merges', href: '#/hq/merges' },
  { key: 'audit', href: '#/hq/audit' },
  { key: 'import', href: '#/hq/import' },
] as const;

export const HQ_HOME_HREF = '#/hq';
