-- Issue 9: the counter's replicated copy of purchases and contacts, the synced
-- collection `timeline` (src/protocol/timeline-doc.ts). Both tables already
-- carry seq, updated_at and deleted (migration 0015); the tablet reads them
-- through one view, their ids prefixed with the table's kind.

-- Set by the daily job (services/timeline-window.ts) once an item is older than
-- the device policy's timelineWindowDays: the update gives it a new seq, and
-- pull hands it to the tablets as a tombstone without its text. The row stays
-- whole on the server: /api/v1 answers from it as before.
alter table purchases add column off_device boolean not null default false;
alter table contacts add column off_device boolean not null default false;

-- History older than the window never goes out: tablets first pull this
-- collection after this migration, so no tablet holds any of it. The window as
-- services/timeline-window.ts reads it (the device policy, 90 days by default).
update purchases set off_device = true
 where at < now() - make_interval(days => coalesce(
   (select (body -> 'devicePolicy' ->> 'timelineWindowDays')::integer
      from setting_documents where id = 'device-policy' and not deleted), 90));
update contacts set off_device = true
 where at < now() - make_interval(days => coalesce(
   (select (body -> 'devicePolicy' ->> 'timelineWindowDays')::integer
      from setting_documents where id = 'device-policy' and not deleted), 90));

-- The daily job finds the items still on devices that have aged out of the
-- window: after its first run, only the window's items are in these.
create index purchases_on_device_at on purchases (at) where not off_device;
create index contacts_on_device_at on contacts (at) where not off_device;

-- The shop a shop note was written in (a tablet's push); '' for the other channels.
alter table contacts add column shop_id text not null default '';

-- Pull reads `(seq, id) > ($1, $2) order by seq, id` over the view, where id
-- is the prefixed one. The planner pushes that condition and order into each
-- branch, but cannot match the (seq, id) indexes with 'purchase:' || id: these
-- indexes on the prefixed expression let each branch be an index range scan in
-- that order, merged (Merge Append) and stopped at the page size.
create index purchases_timeline_seq_id on purchases (seq, ('purchase:' || id));
create index contacts_timeline_seq_id on contacts (seq, ('contact:' || id));

-- Every column typed alike in both branches: a UNION ALL whose branches need
-- no casts is flattened into an append of the two tables, the plan above.
-- source_id is the table's own id: `kind = 'contact' and source_id = any(…)`
-- drops the purchases branch and reads contacts by primary key (a shop note
-- push), where the prefixed id would scan both tables.
create view timeline_items as
select 'purchase:' || id as id, 'purchase'::text as kind, channel, at, shop_id, ref, total_yen, lines,
       ''::text as summary, ''::text as staff, member_id, updated_at, deleted, off_device, seq,
       id as source_id
  from purchases
union all
select 'contact:' || id, 'contact'::text, channel, at, shop_id, ''::text, 0::bigint, '[]'::jsonb,
       summary, staff, member_id, updated_at, deleted, off_device, seq,
       id
  from contacts;

-- The rows a tablet holds because it holds their member. When a member enters
-- a shop's scope (tenpo_note_presence), each table's rows of that member that
-- a device may still see get a new seq, so that shop's tablets pull them.
-- A later member-scoped table adds its row here instead of re-creating the
-- function. `only_where` is a condition over the table's columns, with
-- $2 = the start of the member window.
create table member_scoped_rows (
  position int primary key,
  table_name text not null unique,
  member_column text not null,
  only_where text not null default 'true'
);
insert into member_scoped_rows (position, table_name, member_column, only_where) values
  (1, 'members', 'id', 'true'),
  (2, 'point_accounts', 'member_id', 'true'),
  (3, 'point_entries', 'member_id', 'at >= $2'),
  -- Timeline items still on devices (the others reach no tablet anyway).
  (4, 'purchases', 'member_id', 'not off_device'),
  (5, 'contacts', 'member_id', 'not off_device');

-- As in 0014, with the rows to bring read from member_scoped_rows.
create or replace function tenpo_note_presence(shop text, member_ids text[], seen timestamptz[]) returns text[]
language plpgsql as $$
declare
  window_start timestamptz := tenpo_member_window_start();
  entering text[];
  scoped record;
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
    for scoped in select * from member_scoped_rows order by position loop
      execute format('update %I set seq = seq where %I = any($1) and (%s)', scoped.table_name, scoped.member_column, scoped.only_where)
        using entering, window_start;
    end loop;
  end if;
  return entering;
end $$;
