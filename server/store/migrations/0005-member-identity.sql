-- One member ID (issue 4): consents, verified identifiers, merges, paper cards
-- and the public keys of members' phones. The kana lookup key is derived from
-- name_kana in code (foldKana), not stored: one rule, no backfill.

alter table members
  add column consent_terms boolean not null default false,
  add column consent_marketing boolean not null default false,
  add column phone_verified boolean not null default false,
  add column email_verified boolean not null default false,
  add column line_user_id text not null default '',
  -- 名寄せ: the survivor this record was merged into. The record itself stays:
  -- an undo splits them back, and the old number and QR resolve through it.
  add column merged_into text references members (id),
  -- Paper cards migrated to this member; paper_cards (below) holds the
  -- one-time rule, this copy travels with the member document to tablets.
  add column paper_cards text[] not null default '{}',
  -- [{ kid, x, y, createdAt }]: ECDSA P-256 public keys of the member's phones.
  add column card_keys jsonb not null default '[]',
  -- For 名寄せ review only; never sent to tablets (minimal data on the device).
  add column birthdate date,
  add column registered_at timestamptz not null default now();

create index members_email on members (email) where email <> '';
create index members_line_user on members (line_user_id) where line_user_id <> '';
create index members_merged_into on members (merged_into) where merged_into is not null;

-- Every member document gained fields: restamp them all so each tablet pulls
-- the new shape instead of keeping its migrated stand-ins.
update members set registered_at = registered_at;
