/**
 * The tablet's local database: the only door to RxDB for the rest of the app.
 * Screens call these named operations and hooks; they never see an RxDocument.
 * (src/sync reaches the collections through getDatabase() to replicate them.)
 */
export { getDatabase, openTenpoDatabase, removeDatabase, DATABASE_NAME } from './database.ts';
export type { TenpoDatabase, TenpoCollections, OpenDatabaseOptions } from './database.ts';
export { fieldsOf, SCHEMAS } from './schemas.ts';
export { enrolmentSchema, loadEnrolment, saveEnrolment, observeEnrolment } from './enrolment.ts';
export type { Enrolment } from './enrolment.ts';
export { findMemberByNo, findMembersByPhone, lookupMembers, lookupMembersOnline, observeMember } from './members.ts';
export type { MemberMatch, OnlineLookup } from './members.ts';
export { registerMember } from './member-writes.ts';
export type { RegisterInput, RegisterResult } from './member-writes.ts';
export { observeMemberPoints, observeMergedEntries, observeUnsentCount, readMemberPoints } from './points.ts';
export type { MemberPoints } from './points.ts';
export { observeUnsent } from './unsent.ts';
export type { Unsent } from './unsent.ts';
export { checkLocalData, noteFilled } from './local-data-check.ts';
export { adjustPoints, earnPoints, redeemPoints, returnEarn } from './point-writes.ts';
export type { AdjustInput, EarnInput, RedeemInput, ReturnInput, PointsFailure, PointsResult } from './point-writes.ts';
export { loadPointsPolicy, observePointsPolicy } from './policy.ts';
export * from './paper-card-exports.ts';
export { newId } from './new-id.ts';
export { useEnrolment } from './hooks/use-enrolment.ts';
export { useMember } from './hooks/use-member.ts';
export { useMemberPoints, useMergedEntries } from './hooks/use-member-points.ts';
export { usePointsPolicy } from './hooks/use-points-policy.ts';
export type { ObservedState } from './hooks/use-observable.ts';
export { searchProducts, matchProducts } from './stock.ts';
export type { LocationAvailability, VariantCell } from './stock.ts';
export { placeOrder, allowedFulfilments } from './orders.ts';
export type { PlaceOrderInput, OrderResult, OrderFailure } from './orders.ts';
export { useAvailability, useLocationNames, useProduct, useVariants } from './hooks/use-stock.ts';
export { useShopOrders } from './hooks/use-shop-orders.ts';
export { recordAudit } from './audit.ts';
export { addShopNote } from './shop-notes.ts';
export type { ShopNoteFailure, ShopNoteResult } from './shop-notes.ts';
export { useProfileSources } from './hooks/use-profile-sources.ts';
// Issue 10: coupons at the counter.
export { redeemCouponAtCounter } from './coupons.ts';
export type { CouponOnTablet, CouponUseFailure, CouponUseResult } from './coupons.ts';
export { useMemberCoupons } from './hooks/use-member-coupons.ts';
export type { AuditInput } from './audit.ts';
export { saveServerContact, observeLastServerContact, observeLeaseHours } from './device-lease.ts';
export { useLeaseInputs } from './hooks/use-lease-inputs.ts';
export type { LeaseInputs } from './hooks/use-lease-inputs.ts';
