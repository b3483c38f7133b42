-- The member's own card (issue 4, TNP2 codes): a one-time pairing code a
-- clerk asks for at the counter proves that the phone registering a public key
-- belongs to the member standing there. Only the code's sha256 is kept (like
-- device tokens): a copied database hands out no working codes.
create table card_pairings (
  code_hash text primary key,
  member_id text not null references members (id),
  -- The tablet that asked for it: who paired whom, for the audit trail.
  device_id text not null references devices (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- Single use: set when a phone registers its key with the code.
  used_at timestamptz,
  kid text
);

create index card_pairings_member on card_pairings (member_id);
