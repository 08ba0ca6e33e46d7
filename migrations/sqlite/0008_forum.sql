-- The national cybersecurity forum: its editions, each edition's panels, and the organizations and
-- startups taking part in each panel. The PostgreSQL twin is migrations/postgres/0008_forum.sql.
CREATE TABLE forum_editions (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    -- The first day, 'YYYY-MM-DD': the newest edition is the one the forum page opens with.
    starts_on  TEXT NOT NULL,
    city       TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE forum_edition_names (
    edition_id INTEGER NOT NULL REFERENCES forum_editions (id) ON DELETE CASCADE,
    lang       TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    name       TEXT NOT NULL,
    PRIMARY KEY (edition_id, lang)
);

-- Panel slugs are unique across editions, so a showcase address (?panel=...) names one panel.
CREATE TABLE forum_panels (
    id         INTEGER PRIMARY KEY,
    edition_id INTEGER NOT NULL REFERENCES forum_editions (id) ON DELETE RESTRICT,
    slug       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX forum_panels_edition ON forum_panels (edition_id, position);

CREATE TABLE forum_panel_texts (
    panel_id INTEGER NOT NULL REFERENCES forum_panels (id) ON DELETE CASCADE,
    lang     TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    title    TEXT NOT NULL,
    summary  TEXT,
    PRIMARY KEY (panel_id, lang)
);

CREATE TABLE forum_participants (
    panel_id        INTEGER NOT NULL REFERENCES forum_panels (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (panel_id, organization_id)
);
CREATE INDEX forum_participants_organization ON forum_participants (organization_id);
