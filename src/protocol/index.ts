export * from './version.ts';
export * from './errors.ts';
export * from './documents.ts';
export * from './sync.ts';
export * from './enrolment.ts';
export * from './policy.ts';
export * from './api.ts';
export * from './card.ts';
export * from './member-import.ts';
export * from './identity-api.ts';
export * from './stock-api.ts';
export * from './order-api.ts';
export * from './device-api.ts';
export * from './staff.ts';
export * from './audit.ts';
export * from './audit-api.ts';
export * from './member-lookup.ts';
export * from './member-links.ts';
export * from './feed-api.ts';
export * from './suggestion-api.ts';
export * from './timeline-doc.ts';
// Issue 10: coupons across channels.
export * from './coupon.ts';
// Issue 10: HQ dashboard KPIs.
export * from './kpi-api.ts';
// issue 10: HQ campaigns
export * from './campaign-api.ts';
// issue 10: bonus rules (first EC purchase)
export * from './bonus-rule-api.ts';
// Issue 10: HQ staff sign-in (sessions instead of the shared API key).
export * from './hq-session.ts';
