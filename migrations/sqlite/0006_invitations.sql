-- An owner's invitations to edit their listing, by email address. An address with a confirmed account
-- joins at once; any other joins when it confirms an account.
CREATE TABLE invitations (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    invited_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    accepted_at     TEXT
);
CREATE UNIQUE INDEX invitations_open ON invitations (organization_id, email) WHERE accepted_at IS NULL;
CREATE INDEX invitations_email ON invitations (email);
