-- Qala foundation schema (SQLite). The PostgreSQL twin is migrations/postgres/0001_foundation.sql;
-- both must describe the same tables, columns and constraints, because one set of query texts serves both.
--
-- Timestamps are RFC 3339 UTC text with second precision ('2026-11-28T23:03:21Z'): the same on both
-- engines, and text order is time order. Yes/no flags are integers 0 and 1 (sqlx's Any driver cannot
-- read SQLite booleans). Lists of display-only strings are JSON text arrays.

CREATE TABLE categories (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    parent_id     INTEGER REFERENCES categories (id) ON DELETE RESTRICT,
    nist_function TEXT NOT NULL CHECK (nist_function IN ('govern', 'identify', 'protect', 'detect', 'respond', 'recover')),
    position      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE category_names (
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    name        TEXT NOT NULL,
    PRIMARY KEY (category_id, lang)
);

CREATE TABLE sectors (
    id                      INTEGER PRIMARY KEY,
    slug                    TEXT NOT NULL UNIQUE,
    critical_infrastructure INTEGER NOT NULL DEFAULT 0 CHECK (critical_infrastructure IN (0, 1)),
    position                INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sector_names (
    sector_id INTEGER NOT NULL REFERENCES sectors (id) ON DELETE CASCADE,
    lang      TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    name      TEXT NOT NULL,
    PRIMARY KEY (sector_id, lang)
);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE tag_names (
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    lang   TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    name   TEXT NOT NULL,
    PRIMARY KEY (tag_id, lang)
);

CREATE TABLE organizations (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL CHECK (kind IN ('government_agency', 'regulator', 'cert', 'association', 'company',
                          'startup', 'university', 'training_provider', 'research_lab', 'investor',
                          'international_organization')),
    website           TEXT,
    email             TEXT,
    phone             TEXT,
    address           TEXT,
    city              TEXT,
    country           TEXT NOT NULL CHECK (country IN ('AZ', 'KZ', 'KG', 'TR', 'UZ', 'HU', 'TM')),
    founded_year      INTEGER CHECK (founded_year BETWEEN 1800 AND 2100),
    employee_range    TEXT CHECK (employee_range IN ('1-10', '11-50', '51-200', '201-1000', '1001+')),
    certifications    TEXT NOT NULL DEFAULT '[]',
    social_links      TEXT NOT NULL DEFAULT '[]',
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published', 'hidden', 'archived')),
    verified_at       TEXT,
    featured_position INTEGER,
    logo_version      TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX organizations_status_kind ON organizations (status, kind);
CREATE INDEX organizations_status_country ON organizations (status, country);
CREATE INDEX organizations_status_created ON organizations (status, created_at);

CREATE TABLE organization_texts (
    organization_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    lang              TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    name              TEXT NOT NULL,
    short_description TEXT,
    description       TEXT,
    PRIMARY KEY (organization_id, lang)
);

-- One row per size the site serves; the bytes live here so every app instance can serve them.
CREATE TABLE organization_logos (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    size            INTEGER NOT NULL,
    content_type    TEXT NOT NULL,
    bytes           BLOB NOT NULL,
    PRIMARY KEY (organization_id, size)
);

CREATE TABLE organization_categories (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    category_id     INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    PRIMARY KEY (organization_id, category_id)
);
CREATE INDEX organization_categories_category ON organization_categories (category_id, organization_id);

CREATE TABLE organization_sectors (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sector_id       INTEGER NOT NULL REFERENCES sectors (id) ON DELETE RESTRICT,
    PRIMARY KEY (organization_id, sector_id)
);
CREATE INDEX organization_sectors_sector ON organization_sectors (sector_id, organization_id);

CREATE TABLE organization_tags (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    tag_id          INTEGER NOT NULL REFERENCES tags (id) ON DELETE RESTRICT,
    PRIMARY KEY (organization_id, tag_id)
);
CREATE INDEX organization_tags_tag ON organization_tags (tag_id, organization_id);

CREATE TABLE startup_profiles (
    organization_id      INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    stage                TEXT NOT NULL CHECK (stage IN ('idea', 'prototype', 'mvp', 'early_traction', 'growth')),
    funding_amount       INTEGER CHECK (funding_amount >= 0),
    funding_currency     TEXT CHECK (length(funding_currency) = 3),
    demo_video_url       TEXT,
    technology_readiness INTEGER CHECK (technology_readiness BETWEEN 1 AND 9),
    CHECK ((funding_amount IS NULL) = (funding_currency IS NULL))
);

CREATE TABLE startup_pitches (
    organization_id INTEGER NOT NULL REFERENCES startup_profiles (organization_id) ON DELETE CASCADE,
    lang            TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    pitch           TEXT NOT NULL,
    PRIMARY KEY (organization_id, lang)
);

CREATE TABLE startup_needs (
    organization_id INTEGER NOT NULL REFERENCES startup_profiles (organization_id) ON DELETE CASCADE,
    need            TEXT NOT NULL CHECK (need IN ('investment', 'pilot_customers', 'partners', 'hiring')),
    PRIMARY KEY (organization_id, need)
);
CREATE INDEX startup_needs_need ON startup_needs (need, organization_id);

CREATE TABLE solutions (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('product', 'service', 'training')),
    deployment      TEXT CHECK (deployment IN ('on_premises', 'cloud', 'hybrid')),
    certifications  TEXT NOT NULL DEFAULT '[]',
    url             TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX solutions_organization ON solutions (organization_id);

CREATE TABLE solution_texts (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL CHECK (lang IN ('az', 'en', 'ru')),
    name        TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (solution_id, lang)
);

CREATE TABLE solution_categories (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    PRIMARY KEY (solution_id, category_id)
);
CREATE INDEX solution_categories_category ON solution_categories (category_id, solution_id);

CREATE TABLE solution_sectors (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    sector_id   INTEGER NOT NULL REFERENCES sectors (id) ON DELETE RESTRICT,
    PRIMARY KEY (solution_id, sector_id)
);
CREATE INDEX solution_sectors_sector ON solution_sectors (sector_id, solution_id);

CREATE TABLE users (
    id                INTEGER PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE,
    password_hash     TEXT,
    email_verified_at TEXT,
    staff_role        TEXT CHECK (staff_role IN ('curator', 'admin')),
    totp_secret       TEXT,
    disabled_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (user_id, organization_id)
);
CREATE INDEX memberships_organization ON memberships (organization_id);
-- An organization has at most one owner; ownership is handed over, not shared.
CREATE UNIQUE INDEX memberships_single_owner ON memberships (organization_id) WHERE role = 'owner';

-- Facts about this installation, such as whether the fictional demo data was loaded.
CREATE TABLE site_settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
