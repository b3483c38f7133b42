-- Issue 9: feeds that make up a member's customer timeline.
--
-- Rows stay on the member record they were posted to, as ledger entries and
-- orders do: a merge (名寄せ) does not move them, readers take the survivor
-- and every record merged into it (services/identity/resolve.ts), and an
-- undo therefore gives each record its own rows back with nothing to move.
-- Each table carries seq (and updated_at, deleted) like every synced table,
-- so the tablet can replicate them later without a migration.

-- Purchases: ID-POS receipts from the shops, orders from the EC site.
-- id = the sender's idempotency key.
create table purchases (
  id text primary key,
  member_id text not null references members (id),
  channel text not null check (channel in ('store', 'ec')),
  ref text not null,
  -- A location id for a store receipt, '' for the EC site (checked by the service: '' is no location).
  shop_id text not null check ((channel = 'store') = (shop_id <> '')),
  at timestamptz not null,
  total_yen bigint not null check (total_yen >= 0),
  -- [{ jan, name, quantity, amountYen }]
  lines jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null
);
create index purchases_seq_id on purchases (seq, id);
create index purchases_member_at on purchases (member_id, at);
create trigger purchases_seq before insert or update on purchases
  for each row execute function tenpo_stamp_seq();

-- Contact history: LINE messages, calls, e-mails, conversations in a shop.
create table contacts (
  id text primary key,
  member_id text not null references members (id),
  channel text not null check (channel in ('line', 'phone', 'email', 'shop')),
  at timestamptz not null,
  summary text not null,
  staff text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null
);
create index contacts_seq_id on contacts (seq, id);
create index contacts_member_at on contacts (member_id, at);
create trigger contacts_seq before insert or update on contacts
  for each row execute function tenpo_stamp_seq();

-- A LINE user id or EC account id belongs to one member: the primary key says so.
create table member_links (
  kind text not null check (kind in ('line', 'ec')),
  external_id text not null,
  member_id text not null references members (id),
  linked_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null,
  primary key (kind, external_id)
);
create index member_links_seq on member_links (seq, kind, external_id);
create index member_links_member on member_links (member_id);
create trigger member_links_seq before insert or update on member_links
  for each row execute function tenpo_stamp_seq();

-- The timeline reads a member's orders by time.
create index orders_member_created on orders (member_id, created_at) where member_id is not null;
