-- Staff curation. The PostgreSQL twin is migrations/postgres/0007_curation.sql.

-- Every write, by organizations, staff and the command line: who, when (UTC), what, before and after
-- (JSON). No foreign keys: the log outlives the accounts and listings it mentions. Append-only, and
-- the database itself refuses to change or remove a row, whatever code asks.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    actor_id        INTEGER,
    -- The person's address at the time, or 'cli' for the command line.
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    organization_id INTEGER,
    -- What was changed, in words a reader of the log recognises (a slug, an address, a category).
    subject         TEXT NOT NULL,
    before          TEXT,
    after           TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_organization ON audit_log (organization_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
