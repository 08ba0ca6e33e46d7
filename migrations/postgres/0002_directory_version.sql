-- A counter that every change to what the public directory shows moves forward, in the same
-- transaction as the change. Each app instance keeps an in-memory directory index for fast search and
-- facet counts, tagged with the version it was built at, and rebuilds it when the counter has moved:
-- instances never need to talk to each other, only to the database.
CREATE TABLE directory_version (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
