-- Issue 6: staff accounts and the audit log.

-- Staff members are settings documents ('staff:<id>', body {"staff": {...}})
-- so they reach tablets through the settings collection. shop_id scopes a
-- document to one shop's tablets; null (the policies, hq staff) goes to all.
alter table setting_documents add column shop_id text;
create index setting_documents_shop on setting_documents (shop_id, seq, id);

-- The device policy, with the protocol defaults (DEFAULT_DEVICE_POLICY in
-- src/protocol/staff.ts; a test checks they are equal).
insert into setting_documents (id, body)
values ('device-policy', '{"devicePolicy": {"leaseHours": 72, "idleLockMinutes": 5, "maxWrongPins": 5,
  "lockoutMinutes": 15, "memberWindowMonths": 12, "memberCacheHours": 24}}'::jsonb)
on conflict (id) do nothing;

-- Append-only: nothing updates or deletes an event (a trigger refuses it, so a
-- bug elsewhere cannot quietly rewrite history). Tablets push them with a
-- client UUID; the server writes its own with crypto.randomUUID().
create table audit_events (
  -- text like every synced id: pull compares (seq, id) with the checkpoint's id, which is '' at the start.
  id text primary key check (length(id) between 1 and 64),
  action text not null check (length(action) between 1 and 40),
  at timestamptz not null,
  received_at timestamptz not null default now(),
  staff_id text,
  device_id text,
  shop_id text,
  member_id text,
  approved_by text,
  detail jsonb not null default '{}',
  seq bigint not null
);
create index audit_events_at on audit_events (at, id);
create index audit_events_staff_at on audit_events (staff_id, at);
create index audit_events_member_at on audit_events (member_id, at);
create index audit_events_seq_id on audit_events (seq, id);
create trigger audit_events_seq before insert on audit_events
  for each row execute function tenpo_stamp_seq();

create function tenpo_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end $$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function tenpo_audit_append_only();
