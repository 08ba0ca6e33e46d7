//! Integration tests against real databases: every repository test runs on SQLite and on PostgreSQL.
//!
//! PostgreSQL tests need `QALA_TEST_POSTGRES_URL` (a role that may create databases, such as
//! `postgres://qala@localhost/postgres`); each test gets a fresh database. Without the variable they
//! are skipped with a message, unless `QALA_REQUIRE_POSTGRES=1`, as in CI, makes that a failure.
mod support;

mod accounts;
mod backup;
mod browser;
mod bulk;
mod cli;
mod curation;
mod directory;
mod editing;
mod forum;
mod hostile_text;
mod http;
mod limits;
mod open_data;
mod repository;
mod security;
mod seed;
mod showcase;
mod site_pages;
mod solution_editing;
mod solutions;
mod taxonomy;
