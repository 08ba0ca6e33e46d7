-- The site's own pages (about, contact, privacy, terms) as forum staff wrote them, one row per page and
-- language; a page without a row shows the text Qala ships with. The PostgreSQL twin is
-- migrations/postgres/0012_site_pages.sql.
CREATE TABLE site_pages (
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    markdown TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (kind, lang)
);
