-- Cross-channel stock and endless-aisle orders (issue 5).

-- Variants: a product is one size × colour of a style.
alter table products
  add column style_code text not null default '',
  add column style_name text not null default '',
  add column size text not null default '',
  add column colour text not null default '';
create index products_style on products (style_code) where style_code <> '';

-- Locations replicate to tablets (names of the other shops and the warehouse).
alter table locations
  add column updated_at timestamptz not null default now(),
  add column deleted boolean not null default false,
  add column seq bigint;
create trigger locations_seq before insert or update on locations
  for each row execute function tenpo_stamp_seq();
update locations set updated_at = created_at;
alter table locations alter column seq set not null;
create index locations_seq_id on locations (seq, id);

-- Partial replication: a tablet pulls `stock` of its own shop only, so the
-- pull filters in SQL by location (an index keeps that cheap).
create index stock_location_seq on stock (location_id, seq, id);

-- One compact row per product: available per location, kept in the same
-- transaction as every stock change (services own it), streamed to every tablet.
create table stock_summaries (
  jan text primary key references products (jan),
  -- [{ locationId, available, updatedAt }]
  locations jsonb not null default '[]',
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null
);
create index stock_summaries_seq_jan on stock_summaries (seq, jan);
create trigger stock_summaries_seq before insert or update on stock_summaries
  for each row execute function tenpo_stamp_seq();

-- Endless-aisle orders. id = the creator's idempotency key.
create table orders (
  id text primary key,
  jan text not null references products (jan),
  quantity integer not null check (quantity between 1 and 99),
  from_location text not null references locations (id),
  shop_id text not null default '',
  fulfilment text not null check (fulfilment in ('pickup', 'ship')),
  member_id text references members (id),
  status text not null check (status in ('pending', 'confirmed', 'refused', 'ready', 'shipped', 'completed', 'cancelled')),
  reason text not null default '',
  alternatives jsonb not null default '[]',
  channel text not null check (channel in ('store', 'ec')),
  device_id text not null default '',
  staff_id text not null default '',
  offline boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null
);
create index orders_seq_id on orders (seq, id);
create index orders_shop on orders (shop_id, seq, id);
create index orders_from_location on orders (from_location, seq, id);
create trigger orders_seq before insert or update on orders
  for each row execute function tenpo_stamp_seq();
