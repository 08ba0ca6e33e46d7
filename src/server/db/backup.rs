//! Consistent copies of a database that is serving traffic: SQLite copies itself with `VACUUM INTO`
//! (one read transaction, so writers carry on and the copy is one moment's state); PostgreSQL is
//! dumped with `pg_dump`, which reads a snapshot too.
use std::{collections::BTreeMap, path::Path};

use sqlx::Row;

use super::{Database, Engine};
use crate::error::AppError;

/// Why a backup was not made, in words for the operator.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file name (a backup never overwrites anything)")]
    Exists(String),
    #[error(
        "pg_dump was not found on PATH; install the PostgreSQL client tools, or back up with \
         `pg_dump --format=custom --file=PATH \"$DATABASE_URL\"` and restore with `pg_restore --dbname=URL PATH`"
    )]
    NoPgDump,
    #[error("the backup failed: {0}")]
    Failed(String),
}

impl Database {
    /// Writes a consistent copy of the whole database to `path`, which must not exist yet: a SQLite
    /// database file, or a `pg_dump --format=custom` archive for PostgreSQL.
    pub async fn back_up(&self, path: &Path) -> Result<(), BackupError> {
        if path.exists() {
            return Err(BackupError::Exists(path.display().to_string()));
        }
        match self.engine() {
            Engine::Sqlite => {
                sqlx::query("VACUUM INTO $1")
                    .bind(path.to_string_lossy().into_owned())
                    .execute(self.pool())
                    .await
                    .map_err(|error| BackupError::Failed(error.to_string()))?;
                Ok(())
            }
            Engine::Postgres => pg_dump(self.url().as_str(), path).await,
        }
    }

    /// The number of rows in every table of the schema (sqlx's own bookkeeping included), by table
    /// name: what a restored backup is checked against.
    pub async fn row_counts(&self) -> Result<BTreeMap<String, i64>, AppError> {
        let tables = match self.engine() {
            Engine::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Engine::Postgres => {
                "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
            }
        };
        let names: Vec<String> = sqlx::query(tables)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| row.try_get("name"))
            .collect::<Result<_, _>>()?;
        let mut counts = BTreeMap::new();
        for name in names {
            let count: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{name}\"")).fetch_one(self.pool()).await?;
            counts.insert(name, count);
        }
        Ok(counts)
    }
}

/// Runs `pg_dump` in its custom format (what `pg_restore` reads). The password goes through the
/// environment, so it never shows in the process list.
async fn pg_dump(url: &str, path: &Path) -> Result<(), BackupError> {
    let (url, password) = split_password(url);
    let mut command = tokio::process::Command::new("pg_dump");
    command.arg("--format=custom").arg("--no-owner").arg("--file").arg(path).arg("--dbname").arg(&url);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = match command.output().await {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(BackupError::NoPgDump),
        Err(error) => return Err(BackupError::Failed(format!("cannot run pg_dump: {error}"))),
    };
    if output.status.success() {
        Ok(())
    } else {
        // pg_dump may have left a partial file: a half backup must not pass for a whole one.
        let _ = std::fs::remove_file(path);
        Err(BackupError::Failed(String::from_utf8_lossy(&output.stderr).trim().to_owned()))
    }
}

/// A `postgres://user:password@host/db` URL without its password, and the password (decoded).
fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_owned(), None);
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return (url.to_owned(), None);
    };
    match credentials.split_once(':') {
        Some((user, password)) => (
            format!("{scheme}://{user}@{host}"),
            Some(percent_encoding::percent_decode_str(password).decode_utf8_lossy().into_owned()),
        ),
        None => (url.to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_leave_the_url_decoded() {
        assert_eq!(
            split_password("postgres://qala:s%40cret@db.internal:5432/qala"),
            ("postgres://qala@db.internal:5432/qala".to_owned(), Some("s@cret".to_owned()))
        );
        assert_eq!(split_password("postgres://qala@db/qala"), ("postgres://qala@db/qala".to_owned(), None));
    }
}
