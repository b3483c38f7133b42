-- Issue 6, minimal data on the device: a tablet holds its shop's own members
-- (home_shop_id) and the members seen at its shop in the last
-- memberWindowMonths (the device-policy document), not the whole chain.
-- member_presence says where a member was seen and when, last.

create table member_presence (
  member_id text not null references members (id),
  shop_id text not null check (shop_id <> ''),
  last_seen_at timestamptz not null,
  primary key (member_id, shop_id)
);
-- Pull and the stream ask "present at this shop since …" per member (the
-- primary key); a report of who is in a shop's scope walks this one.
create index member_presence_shop_seen on member_presence (shop_id, last_seen_at);

-- The start of the window: members seen at a shop since then are in its scope.
-- One definition for the scope (services/member-presence.ts) and the trigger below.
create function tenpo_member_window_start() returns timestamptz language sql stable as $$
  select now() - make_interval(months => coalesce(
    (select (body -> 'devicePolicy' ->> 'memberWindowMonths')::integer
       from setting_documents where id = 'device-policy' and not deleted),
    12))
$$;

-- Notes that members were seen at a shop (member_ids[i] at seen[i]). A member
-- who was not in the shop's scope before (not their home shop, not seen there
-- within the window) and is now ENTERS it: their member row, account and
-- entries within the window get a new seq (the seq trigger stamps one on any
-- update), so the shop's tablets, already past the old seqs, pull and stream
-- them. Returns the members that entered.
create function tenpo_note_presence(shop text, member_ids text[], seen timestamptz[]) returns text[]
language plpgsql as $$
declare
  window_start timestamptz := tenpo_member_window_start();
  entering text[];
begin
  if shop is null or shop = '' then
    return '{}';
  end if;
  select coalesce(array_agg(m.id), '{}') into entering
    from unnest(member_ids, seen) as v(member_id, seen_at)
    join members m on m.id = v.member_id
    left join member_presence p on p.member_id = m.id and p.shop_id = shop
   where m.home_shop_id <> shop
     and v.seen_at >= window_start
     and (p.member_id is null or p.last_seen_at < window_start);

  insert into member_presence (member_id, shop_id, last_seen_at)
  select v.member_id, shop, v.seen_at from unnest(member_ids, seen) as v(member_id, seen_at)
  on conflict (member_id, shop_id)
    do update set last_seen_at = greatest(member_presence.last_seen_at, excluded.last_seen_at);

  if cardinality(entering) > 0 then
    update members set seq = seq where id = any(entering);
    update point_accounts set seq = seq where member_id = any(entering);
    update point_entries set seq = seq where member_id = any(entering) and at >= window_start;
  end if;
  return entering;
end $$;

-- Presence from the ledger: an entry posted at a shop is a visit there. A
-- statement trigger, so every writer (the ledger, the demo loader, imports)
-- keeps it, and a bulk insert costs one call per shop, not one per row.
create function tenpo_presence_from_entries() returns trigger language plpgsql as $$
declare
  visit record;
begin
  for visit in
    select shop_id, array_agg(member_id) as member_ids, array_agg(seen) as seen
      from (select shop_id, member_id, max(at) as seen
              from new_entries
             where channel = 'store' and shop_id <> ''
             group by shop_id, member_id) per_member
     group by shop_id
  loop
    perform tenpo_note_presence(visit.shop_id, visit.member_ids, visit.seen);
  end loop;
  return null;
end $$;

create trigger point_entries_presence after insert on point_entries
  referencing new table as new_entries
  for each statement execute function tenpo_presence_from_entries();

-- History: every shop a member has an entry at, with the latest visit. No
-- seq is bumped: until now every tablet held every member.
insert into member_presence (member_id, shop_id, last_seen_at)
select member_id, shop_id, max(at)
  from point_entries
 where channel = 'store' and shop_id <> ''
 group by member_id, shop_id;
