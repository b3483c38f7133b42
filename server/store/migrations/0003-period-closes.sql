-- Month-end close (月末締め) and /api/v1 member creation.

-- One row per closed JST month: the snapshot an accountant signs off. Never
-- updated or deleted (the trigger below), so a figure once reported stays
-- reported. An entry is in the period of month M when M's close is the first
-- close (in month order) with posted_through >= its posting_no and month >=
-- the month of its business time; see server/services/month-close.ts. Keying
-- "late" on posting numbers rather than timestamps keeps it exact however the
-- clocks of the posting and the closing transactions compare.
create table period_closes (
  month text primary key check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  closed_at timestamptz not null,
  -- The highest posting number the snapshot considered.
  posted_through bigint not null check (posted_through >= 0),
  snapshot jsonb not null
);

create function tenpo_period_closes_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'the close of % is immutable', old.month;
end
$$;
create trigger period_closes_immutable before update or delete on period_closes
  for each row execute function tenpo_period_closes_immutable();

-- POST /api/v1/members with an idempotency key: a retry answers with the
-- member made the first time instead of making a second one. `request` is the
-- normalised request, compared on every retry.
create table api_member_requests (
  idempotency_key text primary key,
  member_id text not null references members (id),
  request jsonb not null,
  created_at timestamptz not null default now()
);

-- GET /api/v1/members?email= matches case-insensitively.
create index members_email_lower on members (lower(email)) where email <> '';
