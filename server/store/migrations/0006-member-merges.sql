-- 名寄せ (issue 4): merges of duplicate members and the pairs HQ said are not
-- the same person. Points move by paired transfer entries in point_entries;
-- these tables say which entries belong to which merge, so an undo can split
-- the two members back exactly.

create table member_merges (
  id text primary key,
  -- Made by the caller before the first attempt ('auto:<survivor>:<merged>' for
  -- the resolve job): a retried request finds its merge instead of a second one.
  idempotency_key text not null unique,
  survivor_id text not null references members (id),
  merged_id text not null references members (id),
  -- 'auto-link' (the resolve job) or 'review' (HQ) and matchBand's reasons.
  band text not null check (band in ('auto-link', 'review', 'manual')),
  reasons text[] not null default '{}',
  -- 'auto', or 'key:<first hex of the API key's sha256>' (never the key itself).
  merged_by text not null,
  merged_at timestamptz not null default now(),
  undone_by text,
  undone_at timestamptz,
  -- Points of the moved lots the survivor had spent before the undo (what could not go back).
  undo_shortfall integer,
  check (survivor_id <> merged_id)
);
create index member_merges_survivor on member_merges (survivor_id);
create index member_merges_merged on member_merges (merged_id);
-- One live merge per merged member: the database refuses a second even if two requests race.
create unique index member_merges_live on member_merges (merged_id) where undone_at is null;

-- One row per lot a merge moved: the transfer entries both ways, and on undo
-- the entries that brought it back. Lot ids are entry ids (the entry that made
-- the lot), so in_entry_id is also the lot the survivor holds.
create table member_merge_lots (
  merge_id text not null references member_merges (id),
  position integer not null,
  source_lot_id text not null,
  points integer not null check (points > 0),
  expires_on date,
  out_entry_id text not null,
  in_entry_id text not null,
  back_out_entry_id text,
  back_in_entry_id text,
  back_points integer,
  primary key (merge_id, position)
);
-- A lot that went away in a merge and came back on undo has a new id: undo of
-- an earlier merge follows it through here.
create index member_merge_lots_source on member_merge_lots (source_lot_id);

-- "Not the same person": a pair HQ dismissed (or a merge that was undone) is
-- never proposed or auto-merged again. Stored with the smaller id first.
create table identity_dismissals (
  member_a text not null references members (id),
  member_b text not null references members (id),
  dismissed_by text not null,
  dismissed_at timestamptz not null default now(),
  primary key (member_a, member_b),
  check (member_a < member_b)
);
