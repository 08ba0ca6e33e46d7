-- Merged duplicates, staff inviting an owner, and tags in an order staff set. The PostgreSQL twin is
-- migrations/postgres/0009_merges_and_owner_invitations.sql.

-- The slugs of listings merged into another: their old addresses lead to the one kept.
CREATE TABLE slug_redirects (
    slug            TEXT PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
);
CREATE INDEX slug_redirects_organization ON slug_redirects (organization_id);

-- Owners invite editors; forum staff may invite the owner of a listing that has none.
ALTER TABLE invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'editor' CHECK (role IN ('owner', 'editor'));

-- Staff put tags in an order of their own; until they do, tags sort by slug.
ALTER TABLE tags ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
