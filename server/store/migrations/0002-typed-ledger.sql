-- Typed ledger entries, the full account projection, and the points policy as
-- a synced settings document (DESIGN.md "Points (the ledger)").

-- Server-made entries have deterministic keys (`expire:<lot>:<date>`), so the
-- id is no longer always a UUID: the protocol's key alphabet instead.
alter table point_entries
  drop constraint point_entries_id_check,
  drop constraint point_entries_type_check,
  drop constraint point_entries_points_check,
  add constraint point_entries_id_check check (id ~ '^[A-Za-z0-9:_.-]{8,100}$'),
  add constraint point_entries_type_check check (type in (
    'earn', 'redeem', 'expire', 'adjust', 'reversal', 'migration', 'transfer_in', 'transfer_out')),
  -- 0 only for the reversal of an earn whose partial return cost no point (it still records its yen).
  add constraint point_entries_points_check check (points > 0 or (points = 0 and type = 'reversal')),
  add column staff_id text not null default '',
  add column ref text not null default '',
  add column line text,
  add column reverses text,
  add column reverses_type text check (reverses_type in ('earn', 'redeem')),
  add column direction text check (direction in ('credit', 'debit')),
  add column expires_on date,
  add column lot_id text,
  add column rule text,
  add column campaign_id text,
  add column offline boolean,
  -- Business time the rules use: the writer's clock, but never after posting.
  -- Generated, so no writer (the demo loader, an import) can set it any other way.
  add column at timestamptz generated always as (least(created_at, posted_at)) stored,
  -- Decided at posting by the projection (overdraft, …) and never changed afterwards.
  add column flags text[] not null default '{}',
  -- A credit that paid overdraft debt back: how many of its points went to the debt.
  add column repaid integer check (repaid > 0),
  add constraint point_entries_reversal_check check (
    type <> 'reversal' or (reverses is not null and reverses_type is not null)),
  add constraint point_entries_adjust_check check (type <> 'adjust' or direction is not null),
  add constraint point_entries_expire_check check (type <> 'expire' or (lot_id is not null and expires_on is not null));

-- The flags report reads only flagged entries.
create index point_entries_flagged on point_entries (posting_no) where flags <> '{}';
-- Returns look up the entries of a receipt.
create index point_entries_ref on point_entries (member_id, ref) where ref <> '';

-- The projection of each member's ledger (src/domain/ledger project()), kept
-- in the transaction that posts and refreshed by the daily job (vesting,
-- rank and expiry move with time).
alter table point_accounts
  add column available bigint not null default 0,
  add column debt bigint not null default 0,
  -- [{ "expiresOn": "YYYY-MM-DD" | null, "points": n }], soonest first.
  add column lots jsonb not null default '[]',
  add column rank text not null default 'regular',
  add column flagged_entry_ids text[] not null default '{}';

-- The `settings` sync collection: server-owned documents (read-only on
-- tablets), one per kind of setting. `body` holds the document's fields other
-- than id and updatedAt. Distinct from the `settings` key/value table, which
-- holds server-private values (the demo API key) and never syncs.
create table setting_documents (
  id text primary key check (length(id) between 1 and 64),
  body jsonb not null,
  updated_at timestamptz not null default now(),
  deleted boolean not null default false,
  seq bigint not null
);
create index setting_documents_seq_id on setting_documents (seq, id);
create trigger setting_documents_seq before insert or update on setting_documents
  for each row execute function tenpo_stamp_seq();

-- DEFAULT_POINTS_POLICY of src/protocol/policy.ts (a test checks they are
-- equal), keeping the earn rate a chain may already have set.
insert into setting_documents (id, body)
select 'points-policy', jsonb_build_object('pointsPolicy', jsonb_build_object(
  'yenPerPoint', coalesce((select value::integer from settings where key = 'yen_per_point'), 100),
  'expiry', '{"kind": "rolling-from-last-activity", "months": 12}'::jsonb,
  'vestingDays', 0,
  'offline', '{"perTransactionCap": 3000, "perMemberDailyOfflineCap": 5000}'::jsonb,
  'ranks', '[
    {"id": "regular", "minSpendYen": 0, "minVisits": 0, "multiplier": 1},
    {"id": "silver", "minSpendYen": 50000, "minVisits": 6, "multiplier": 1.5},
    {"id": "gold", "minSpendYen": 150000, "minVisits": 12, "multiplier": 2}
  ]'::jsonb,
  'campaigns', '[]'::jsonb));
