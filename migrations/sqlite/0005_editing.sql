-- Every change an organization saves to its listing. A change to a verified listing is published at
-- once; any other waits as pending for staff, while the public keeps seeing the listing as it was.
CREATE TABLE revisions (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    author_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The whole proposed profile, as JSON: what staff compare with the listing as it is.
    profile         TEXT NOT NULL,
    -- A new logo (a square PNG), when the change brings one.
    logo            BLOB,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'superseded')),
    staff_comment   TEXT,
    decided_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX revisions_organization ON revisions (organization_id, id);
CREATE INDEX revisions_status ON revisions (status, created_at);

-- Requests to own a listing that has no owner. Approved at once when the claimant's confirmed email
-- domain is the listing's website domain; otherwise staff decide.
CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason          TEXT,
    decided_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX claims_status ON claims (status, created_at);
CREATE UNIQUE INDEX claims_one_pending ON claims (organization_id, user_id) WHERE status = 'pending';
