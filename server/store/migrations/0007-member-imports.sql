-- Legacy member list imports (issue 4, point 5). One row per imported file:
-- the content hash is unique, so the same export imported twice (a double
-- click, a re-run of the command) adds nobody the second time.
create table member_imports (
  id text primary key,
  content_hash text not null unique,
  file_name text not null default '',
  encoding text not null,
  -- Member rows in the file, and how many of them became members.
  rows integer not null,
  imported integer not null,
  -- The dry-run report as it stood when the import ran (invalid rows, duplicates).
  report jsonb not null,
  imported_at timestamptz not null default now()
);

-- Which member each imported row became, and the number the legacy system
-- gave it: a member holding an old card can be found by it later.
create table member_import_rows (
  import_id text not null references member_imports (id),
  line integer not null,
  member_id text not null references members (id),
  legacy_no text not null default '',
  primary key (import_id, line)
);
create index member_import_rows_legacy_no on member_import_rows (legacy_no) where legacy_no <> '';
