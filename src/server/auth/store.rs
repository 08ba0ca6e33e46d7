//! Sessions live in the application's database, through tower-sessions' sqlx stores, so a session
//! started on one app instance is valid on every other and survives restarts.
use async_trait::async_trait;
use sqlx::{
    PgPool, SqlitePool,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions},
};
use std::str::FromStr;
use tower_sessions::{
    ExpiredDeletion, SessionStore,
    session::{Id, Record},
    session_store,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::server::db::{DatabaseUrl, Engine};

/// The store for the engine `DATABASE_URL` names; its table is created by the app's migrations.
#[derive(Clone, Debug)]
pub enum DatabaseSessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl DatabaseSessionStore {
    /// A store on its own small pool for the same database, connecting on first use.
    pub fn lazy(url: &DatabaseUrl) -> Result<DatabaseSessionStore, sqlx::Error> {
        Ok(match url.engine() {
            Engine::Sqlite => {
                let options = SqliteConnectOptions::from_str(url.as_str())?
                    .busy_timeout(std::time::Duration::from_secs(5))
                    .journal_mode(SqliteJournalMode::Wal);
                let pool: SqlitePool = SqlitePoolOptions::new().max_connections(4).connect_lazy_with(options);
                DatabaseSessionStore::Sqlite(SqliteStore::new(pool).with_table_name("sessions").map_err(invalid_name)?)
            }
            Engine::Postgres => {
                let pool: PgPool = PgPoolOptions::new().max_connections(4).connect_lazy(url.as_str())?;
                let store = PostgresStore::new(pool)
                    .with_schema_name("public")
                    .and_then(|store| store.with_table_name("sessions"))
                    .map_err(invalid_name)?;
                DatabaseSessionStore::Postgres(store)
            }
        })
    }

    /// Removes sessions past their expiry (the store never returns them, but they take room).
    pub async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            DatabaseSessionStore::Sqlite(store) => store.delete_expired().await,
            DatabaseSessionStore::Postgres(store) => store.delete_expired().await,
        }
    }
}

fn invalid_name(message: String) -> sqlx::Error {
    sqlx::Error::Configuration(message.into())
}

#[async_trait]
impl SessionStore for DatabaseSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            DatabaseSessionStore::Sqlite(store) => store.create(record).await,
            DatabaseSessionStore::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            DatabaseSessionStore::Sqlite(store) => store.save(record).await,
            DatabaseSessionStore::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            DatabaseSessionStore::Sqlite(store) => store.load(id).await,
            DatabaseSessionStore::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            DatabaseSessionStore::Sqlite(store) => store.delete(id).await,
            DatabaseSessionStore::Postgres(store) => store.delete(id).await,
        }
    }
}
