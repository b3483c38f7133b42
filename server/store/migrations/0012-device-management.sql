-- Issue 6: a manager makes one-time enrolment codes and revokes lost tablets.
-- Codes that exist already are the demo's printed per-shop codes: the README
-- and tests rely on them working again and again, so they stay reusable.
alter table enrolment_codes add column reusable boolean not null default true;
alter table enrolment_codes add column expires_at timestamptz;
alter table enrolment_codes add column used_at timestamptz;
-- The default stays true so existing seeding (demo, fixtures) is unchanged;
-- device-admin.ts inserts one-time codes with reusable = false.

-- Last contact, written at most about once a minute per device (see device-admin.ts).
alter table devices add column last_seen_at timestamptz;
