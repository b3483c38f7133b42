-- An idempotency key's answer is final, refusals included. When the EC site's
-- redemption is refused (insufficient points) and a delayed copy of the same
-- request arrives after the balance has grown, the copy must get the same 409,
-- not post: the order already went ahead without those points.
create table api_entry_refusals (
  idempotency_key text primary key,
  -- What was asked, normalised (member id, type, points, amount, channel, shop, ref).
  request jsonb not null,
  -- The error body that was answered, replayed as is.
  error jsonb not null,
  refused_at timestamptz not null default now()
);
