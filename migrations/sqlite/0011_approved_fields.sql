-- Staff may approve only some fields of a change; the review page shows which, after the decision.
-- The PostgreSQL twin is migrations/postgres/0011_approved_fields.sql.

-- The form fields approved (JSON array), when staff chose some rather than all.
ALTER TABLE revisions ADD COLUMN approved_fields TEXT;
