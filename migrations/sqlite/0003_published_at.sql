-- When a listing was first published: what "newest" means to the public, and what the Atom feed of
-- new listings is ordered by. Listings published before this column existed count from their creation.
ALTER TABLE organizations ADD COLUMN published_at TEXT;
UPDATE organizations SET published_at = created_at WHERE status = 'published';
CREATE INDEX organizations_status_published ON organizations (status, published_at);
