-- Search: a word index both engines query with the same SQL, so results are the same on SQLite and
-- PostgreSQL. Words are folded (see src/server/text.rs) the same way when indexed and when searched.
-- The PostgreSQL twin is migrations/postgres/0002_search.sql.

-- The folded words of each organization's own texts (every language) and of its solutions, with the
-- weight of the most telling place each occurs in (name 100, summary or solution name 10, description 3).
CREATE TABLE search_terms (
    term            TEXT NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    weight          INTEGER NOT NULL,
    PRIMARY KEY (term, organization_id)
) WITHOUT ROWID;
CREATE INDEX search_terms_organization ON search_terms (organization_id);

-- The folded words of taxonomy names in every language, by the second-level category, sector or tag
-- they lead to (a top-level category's words lead to each of its children). Listings find them through
-- their links, so renaming a category reindexes no listing.
CREATE TABLE taxonomy_terms (
    term      TEXT NOT NULL,
    facet     TEXT NOT NULL CHECK (facet IN ('category', 'sector', 'tag')),
    target_id INTEGER NOT NULL,
    PRIMARY KEY (term, facet, target_id)
) WITHOUT ROWID;

-- Every word ever indexed, and each word of four letters or more under each of its one-letter
-- deletions: a query word and a known word within one edit share a variant (symmetric deletion).
CREATE TABLE search_words (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE search_word_variants (
    variant TEXT NOT NULL,
    term    TEXT NOT NULL,
    PRIMARY KEY (variant, term)
) WITHOUT ROWID;

-- Sorting by name: the folded name, so Şirkət sorts with S and Cyrillic names with their Latin spelling.
ALTER TABLE organizations ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
CREATE INDEX organizations_status_sort_name ON organizations (status, sort_name);
CREATE INDEX organizations_status_city ON organizations (status, city);
CREATE INDEX organization_categories_organization ON organization_categories (organization_id);
CREATE INDEX startup_profiles_stage ON startup_profiles (stage);
