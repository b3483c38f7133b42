-- Tenpo schema, first version. PostgreSQL dialect only: the same file runs on
-- embedded PGlite and on real PostgreSQL.
--
-- Synced tables (members, point_entries, point_accounts, products, stock) all
-- carry `seq`, drawn from ONE shared sequence, and an index on (seq, <id>):
-- pull and the stream read "rows after checkpoint (seq, id)". The trigger
-- below stamps seq on every insert and update so no writer can forget it.

create sequence sync_seq;

-- Server posting order of ledger entries; separate from sync_seq because it
-- means something to accountants (gap-free enough, only ledger rows use it).
create sequence posting_no_seq;

-- Commit order must equal seq order: if a transaction holding seq 7 committed
-- after one holding seq 8, a puller that already moved its checkpoint past 8
-- would never see 7. Every writer takes this transaction-scoped lock before
-- drawing a seq (services/write-transaction.ts takes it up front to avoid lock
-- order deadlocks; taking it here too is the safety net for ad-hoc writers such
-- as the demo loader). The key must match SYNC_WRITE_LOCK in server/store/locks.ts.
create function tenpo_stamp_seq() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7346001);
  new.seq := nextval('sync_seq');
  return new;
end
$$;

create table settings (
  key text primary key,
  value text not null
);
insert into settings (key, value) values ('yen_per_point', '100');

-- Shops and warehouses. A shop is a location of kind 'store'.
create table locations (
  id text primary key check (length(id) between 1 and 32),
  kind text not null check (kind in ('store', 'warehouse')),
  name text not null,
  created_at timestamptz not null default now()
);

create table devices (
  id text primary key,
  shop_id text not null references locations (id),
  name text not null,
  -- sha256 hex of the bearer token; the token itself is never stored.
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- Reusable for now (one per shop); one-time codes come with device management.
create table enrolment_codes (
  code text primary key,
  shop_id text not null references locations (id),
  created_at timestamptz not null default now()
);

create table api_keys (
  key_hash text primary key,
  name text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table members (
  id text primary key,
  member_no text not null unique check (member_no ~ '^[0-9]{10}$'),
  name text not null,
  name_kana text not null default '',
  phone text not null default '',
  email text not null default '',
  home_shop_id text not null default '',
  -- Written by whoever edited the member (device clock); compared, never rewritten.
  updated_at timestamptz not null,
  deleted boolean not null default false,
  seq bigint not null
);
create index members_seq_id on members (seq, id);
create index members_phone on members (phone) where phone <> '';
create trigger members_seq before insert or update on members
  for each row execute function tenpo_stamp_seq();

-- The ledger: append-only. `id` is the device-made idempotency key (a UUID).
-- It is text, not uuid: it is the client's document id and must come back byte
-- for byte (a uuid column would re-case it and the tablet would see a stranger).
create table point_entries (
  id text primary key check (id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  member_id text not null references members (id),
  type text not null check (type in ('earn', 'redeem')),
  points integer not null check (points > 0),
  amount_yen bigint not null check (amount_yen >= 0),
  channel text not null check (channel in ('store', 'ec')),
  shop_id text not null,
  device_id text not null,
  created_at timestamptz not null,
  posting_no bigint not null unique,
  posted_at timestamptz not null,
  deleted boolean not null default false,
  seq bigint not null
);
create index point_entries_seq_id on point_entries (seq, id);
create index point_entries_member on point_entries (member_id, posting_no);
create trigger point_entries_seq before insert or update on point_entries
  for each row execute function tenpo_stamp_seq();

-- Projection of the ledger, recomputed in the transaction that posts entries.
create table point_accounts (
  member_id text primary key references members (id),
  balance bigint not null,
  posted_through bigint not null,
  updated_at timestamptz not null,
  deleted boolean not null default false,
  seq bigint not null
);
create index point_accounts_seq_id on point_accounts (seq, member_id);
create trigger point_accounts_seq before insert or update on point_accounts
  for each row execute function tenpo_stamp_seq();

create table products (
  jan text primary key check (jan ~ '^[0-9]{13}$'),
  name text not null,
  name_kana text not null default '',
  price_yen integer not null check (price_yen >= 0),
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null
);
create index products_seq_jan on products (seq, jan);
create trigger products_seq before insert or update on products
  for each row execute function tenpo_stamp_seq();

create table stock (
  -- The document id `${jan}@${locationId}`, kept as a column so pull can order by it.
  id text generated always as (jan || '@' || location_id) stored unique,
  jan text not null references products (jan),
  location_id text not null references locations (id),
  on_hand integer not null check (on_hand >= 0),
  reserved integer not null default 0 check (reserved >= 0),
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null,
  primary key (jan, location_id)
);
create index stock_seq_id on stock (seq, id);
create trigger stock_seq before insert or update on stock
  for each row execute function tenpo_stamp_seq();
