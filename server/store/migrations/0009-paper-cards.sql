-- Paper card migration (issue 4): each paper card number is used once in the
-- whole chain. The migration entry's id is derived from the card
-- (`card-<cardNo>`), so the ledger's unique id already posts a card once; this
-- table records who migrated it, where and for how much, for HQ and for
-- lookups, and its primary key keeps the rule even if an entry were ever
-- posted by another path. Filled in the same transaction as the posting.
create table paper_cards (
  card_no text primary key,
  member_id text not null references members (id),
  entry_id text not null unique references point_entries (id),
  shop_id text not null,
  device_id text not null,
  staff_id text not null default '',
  points integer not null check (points > 0),
  -- A small JPEG data URL of the card, when the clerk took one; tablets keep
  -- theirs until an upload path exists (see server/services/paper-cards.ts).
  photo text,
  migrated_at timestamptz not null default now()
);

create index paper_cards_member on paper_cards (member_id);

-- The points policy gains `migration` (src/protocol/policy.ts
-- DEFAULT_MIGRATION_POLICY: approval above 5,000 points, no manager PIN set
-- yet). Written into the stored document so it stays equal to the protocol
-- default and tablets pull the new shape; a policy that has one is kept.
update setting_documents
   set body = jsonb_set(body, '{pointsPolicy,migration}', '{"approvalThresholdPoints": 5000, "managerPin": null}'::jsonb),
       updated_at = now()
 where id = 'points-policy' and body ? 'pointsPolicy' and not (body -> 'pointsPolicy') ? 'migration';
