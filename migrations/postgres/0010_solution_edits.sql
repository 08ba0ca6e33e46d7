-- Organizations edit their solutions through the same reviewed changes as their profile. The
-- SQLite twin is migrations/sqlite/0010_solution_edits.sql.

-- What a change does to the listing's solutions (added, changed, removed), as JSON, against the
-- solutions as they are when it publishes.
ALTER TABLE revisions ADD COLUMN solution_edits TEXT NOT NULL DEFAULT '[]';
