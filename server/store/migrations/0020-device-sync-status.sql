-- Issue 10: HQ sees, per tablet, when it last synced and what it has not sent yet.
-- last_sync_at: the last pull or push (last_seen_at also counts streams and lookups),
-- written at most about once a minute like last_seen_at (device-admin.ts).
alter table devices add column last_sync_at timestamptz;
-- The tablet's own count of unsent documents by collection, as it last reported it
-- (POST /sync/v1/status); only the tablet can know it.
alter table devices add column pending jsonb;
alter table devices add column pending_oldest_at timestamptz;
alter table devices add column pending_reported_at timestamptz;
