-- Issue 10: coupons across channels (src/protocol/coupon.ts). Issued by the
-- server on events, redeemed once on any channel: the EC site through
-- /api/v1, a shop's tablet by pushing the redeemed document. The row is the
-- one truth about "used": a redemption writes it only while redeemed_at is
-- null, under the sync write lock, so a second one is refused whichever
-- channel comes second.
create table coupons (
  id text primary key,
  member_id text not null references members (id),
  kind text not null check (kind in ('ec-free-shipping', 'shop-bonus-points')),
  -- Points the member earns when a shop-bonus-points coupon is redeemed; 0 for the others.
  bonus_points integer not null default 0 check (bonus_points >= 0),
  -- The event it was issued for ('purchase:<purchase id>', 'cart:<cart ref>'): one coupon per event.
  issued_for text not null unique,
  issued_at timestamptz not null default now(),
  -- Last usable day (JST).
  expires_on date not null,
  redeemed_at timestamptz,
  -- '' until redeemed; then 'store' or 'ec'.
  redeemed_channel text not null default '' check (redeemed_channel in ('', 'store', 'ec')),
  -- The EC order number or receipt number it was used on.
  redeemed_ref text not null default '',
  -- The shop (location id) of a redemption at the counter; '' otherwise.
  redeemed_shop_id text not null default '',
  -- The redeemer's idempotency key: the same key again is a retry, another key a second use.
  redemption_id text unique,
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null,
  check ((redeemed_at is null) = (redemption_id is null))
);
create index coupons_seq_id on coupons (seq, id);
create index coupons_member on coupons (member_id);
create trigger coupons_seq before insert or update on coupons
  for each row execute function tenpo_stamp_seq();

-- A member entering a shop's scope brings their coupons still to be used
-- (the counter shows them when the member is scanned): see 0017.
insert into member_scoped_rows (position, table_name, member_column, only_where)
values (6, 'coupons', 'member_id', 'redeemed_at is null and not deleted');
