//! The repository: the only code that speaks SQL.
//!
//! One implementation serves SQLite and PostgreSQL through sqlx's `Any` driver. Query texts use
//! `$1`-style parameters, which both engines accept, and only the column types both decode the same
//! way (BIGINT, TEXT, BLOB/BYTEA; flags are 0/1 integers). Each engine has its own migrations folder.
mod accounts;
mod audit;
mod backup;
mod bulk;
mod curation;
mod directory;
mod editing;
mod forum;
mod logos;
mod merges;
mod organizations;
mod site_pages;
mod solutions;
pub(crate) mod sql;
mod stats;
mod taxonomy;
mod users;

use std::{fmt, str::FromStr, time::Duration};

use sqlx::{
    AnyPool, Executor,
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::auth::DatabaseSessionStore;
use crate::error::AppError;

pub use accounts::{
    Admission, AttemptAction, AttemptCount, AttemptRule, Counting, Credentials, OutgoingMail, QueuedMail, TokenPurpose,
};
pub use audit::{Actor, AuditRecord};
pub use backup::BackupError;
pub use bulk::{Imported, ImportedSolution};
pub use curation::{Decision, Waiting};
pub use directory::{DirectorySink, ListingPart, ListingRow, SolutionPart, SolutionRow};
pub use editing::{Invitee, Member, Proposal, Revision};
pub use logos::StoredLogo;
pub use organizations::PublicPage;
pub use sql::{LikeAt, SqlBuilder, Value};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Which database engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A checked `DATABASE_URL`.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    engine: Engine,
}

impl DatabaseUrl {
    pub const DEFAULT: &'static str = "sqlite://qala.db";

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }
}

impl FromStr for DatabaseUrl {
    type Err = String;

    /// Accepts `sqlite:` and `postgres(ql)://` URLs. A SQLite file is created when missing
    /// unless the URL sets its own `mode`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(DatabaseUrl { url: text.to_owned(), engine: Engine::Postgres });
        }
        let Some(path) = text.strip_prefix("sqlite:") else {
            return Err(format!(
                "unsupported database URL {text:?}: expected sqlite://FILE or postgres://USER@HOST/DB"
            ));
        };
        if path.trim_start_matches('/').is_empty() {
            return Err("the sqlite URL names no file: expected sqlite://FILE".to_owned());
        }
        let url = if text.contains("mode=") {
            text.to_owned()
        } else if text.contains('?') {
            format!("{text}&mode=rwc")
        } else {
            format!("{text}?mode=rwc")
        };
        Ok(DatabaseUrl { url, engine: Engine::Sqlite })
    }
}

/// Hides a PostgreSQL password from logs.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.redacted())
    }
}

impl DatabaseUrl {
    pub fn redacted(&self) -> String {
        match (self.url.split_once("://"), self.url.rfind('@')) {
            (Some((scheme, rest)), Some(at)) if self.engine == Engine::Postgres => {
                let credentials = &rest[..at - scheme.len() - 3];
                let user = credentials.split(':').next().unwrap_or_default();
                format!("{scheme}://{user}:***{}", &self.url[at..])
            }
            _ => self.url.clone(),
        }
    }
}

/// A connection pool, the engine behind it and the session store on the same database. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    pool: AnyPool,
    url: DatabaseUrl,
    engine: Engine,
    sessions: DatabaseSessionStore,
}

impl fmt::Debug for Database {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("Database").field("engine", &self.engine).finish()
    }
}

impl Database {
    /// Opens a pool. SQLite files are put in WAL mode so readers never wait for the writer.
    pub async fn connect(url: &DatabaseUrl) -> Result<Database, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let options = AnyConnectOptions::from_str(url.as_str())?;
        let engine = url.engine();
        let pool_options = match engine {
            Engine::Sqlite => AnyPoolOptions::new().max_connections(8).after_connect(|connection, _| {
                Box::pin(async move {
                    connection
                        .execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;")
                        .await
                        .map(|_| ())
                })
            }),
            Engine::Postgres => AnyPoolOptions::new().max_connections(16),
        };
        let pool = pool_options.acquire_timeout(Duration::from_secs(10)).connect_with(options).await?;
        let sessions = DatabaseSessionStore::lazy(url)?;
        Ok(Database { pool, url: url.clone(), engine, sessions })
    }

    /// A second, independent handle on the same database: what another app instance would have.
    pub async fn reopen(&self) -> Result<Database, sqlx::Error> {
        Database::connect(&self.url).await
    }

    /// Where sign-in sessions are kept: the same database, through tower-sessions' store.
    pub fn session_store(&self) -> DatabaseSessionStore {
        self.sessions.clone()
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Where the database is, for tools that open their own connection (backups, checks).
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction that writes. On SQLite it takes the write lock at its start, waiting for another
    /// writer up to the busy timeout: a plain `BEGIN` that reads before it writes fails at once with
    /// `SQLITE_BUSY` when another connection wrote in between, and the form behind it answers 500.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.engine() {
            Engine::Sqlite => self.pool().begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool().begin().await,
        }
    }

    /// Applies the engine's pending migrations.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Whether the database answers within two seconds.
    pub async fn is_healthy(&self) -> bool {
        let probe = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(tokio::time::timeout(Duration::from_secs(2), probe).await, Ok(Ok(_)))
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Logs what went wrong and hands the client an opaque error; a missing row becomes `NotFound`.
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            error => {
                tracing::error!(%error, "database error");
                AppError::Internal
            }
        }
    }
}

/// Timestamps as the schema stores them: RFC 3339 UTC with whole seconds.
pub(crate) fn encode_time(moment: OffsetDateTime) -> String {
    let moment = moment.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(moment);
    moment.format(&Rfc3339).unwrap_or_default()
}

pub(crate) fn decode_time(text: &str) -> Result<OffsetDateTime, sqlx::Error> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

pub(crate) fn decode_optional_time(text: Option<String>) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    text.as_deref().map(decode_time).transpose()
}

/// Parses a stored word back into its enum; a stored word the code does not know is a decode error.
pub(crate) fn decode_word<T: FromStr<Err = crate::domain::UnknownValue>>(text: &str) -> Result<T, sqlx::Error> {
    text.parse().map_err(|error: crate::domain::UnknownValue| sqlx::Error::Decode(Box::new(error)))
}

pub(crate) fn decode_slug(row: &sqlx::any::AnyRow) -> Result<crate::domain::slug::Slug, sqlx::Error> {
    use sqlx::Row;
    let text: String = row.try_get("slug")?;
    crate::domain::slug::Slug::parse(&text).map_err(|error| sqlx::Error::Decode(error.field.into()))
}

pub(crate) fn encode_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("lists of strings always serialize")
}

pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(text).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_are_checked_and_sqlite_files_created() {
        let sqlite: DatabaseUrl = "sqlite://qala.db".parse().unwrap();
        assert_eq!((sqlite.engine(), sqlite.as_str()), (Engine::Sqlite, "sqlite://qala.db?mode=rwc"));
        let read_only: DatabaseUrl = "sqlite://qala.db?mode=ro".parse().unwrap();
        assert_eq!(read_only.as_str(), "sqlite://qala.db?mode=ro");
        let postgres: DatabaseUrl = "postgres://qala:secret@db.internal/qala".parse().unwrap();
        assert_eq!(postgres.engine(), Engine::Postgres);
        assert_eq!(postgres.redacted(), "postgres://qala:***@db.internal/qala");
        assert!("mysql://root@localhost/qala".parse::<DatabaseUrl>().is_err());
        assert!("sqlite://".parse::<DatabaseUrl>().is_err());
    }

    #[test]
    fn time_round_trips_at_second_precision() {
        let moment = time::macros::datetime!(2026-11-28 23:03:21.5 +04:00);
        let text = encode_time(moment);
        assert_eq!(text, "2026-11-28T19:03:21Z");
        assert_eq!(decode_time(&text).unwrap(), time::macros::datetime!(2026-11-28 19:03:21 UTC));
    }
}
