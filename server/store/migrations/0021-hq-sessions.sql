-- Issue 10: head office signs in to the HQ area as staff of role hq (staff id
-- + PIN) instead of sharing an API key. A session's token is stored only as
-- its sha256, as API keys are: a copied database hands out no working
-- sessions. The /api/v1 auth hook looks a token up by its primary key.
create table hq_sessions (
  token_hash text primary key,
  staff_id text not null,
  created_at timestamptz not null default now(),
  -- created_at + HQ_SESSION_HOURS (src/protocol/hq-session.ts).
  expires_at timestamptz not null,
  -- Set by sign-out (DELETE /api/v1/hq-sessions/current); a revoked token never works again.
  revoked_at timestamptz
);
