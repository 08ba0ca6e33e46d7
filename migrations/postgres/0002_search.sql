-- Search: a word index both engines query with the same SQL, so results are the same on SQLite and
-- PostgreSQL. Words are folded (see src/server/text.rs) the same way when indexed and when searched.
-- The SQLite twin is migrations/sqlite/0002_search.sql. Terms compare bytewise (COLLATE "C"), as in
-- SQLite, so prefix ranges mean the same on both.

CREATE TABLE search_terms (
    term            TEXT COLLATE "C" NOT NULL,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    weight          BIGINT NOT NULL,
    PRIMARY KEY (term, organization_id)
);
CREATE INDEX search_terms_organization ON search_terms (organization_id);

CREATE TABLE taxonomy_terms (
    term      TEXT COLLATE "C" NOT NULL,
    facet     TEXT NOT NULL CHECK (facet IN ('category', 'sector', 'tag')),
    target_id BIGINT NOT NULL,
    PRIMARY KEY (term, facet, target_id)
);

CREATE TABLE search_words (
    term TEXT COLLATE "C" PRIMARY KEY
);

CREATE TABLE search_word_variants (
    variant TEXT COLLATE "C" NOT NULL,
    term    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (variant, term)
);

ALTER TABLE organizations ADD COLUMN sort_name TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX organizations_status_sort_name ON organizations (status, sort_name);
CREATE INDEX organizations_status_city ON organizations (status, city);
CREATE INDEX organization_categories_organization ON organization_categories (organization_id);
CREATE INDEX startup_profiles_stage ON startup_profiles (stage);
