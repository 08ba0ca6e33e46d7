//! What the directory's search index is read from: the version counter that every change to what the
//! directory shows moves, and one consistent read of every published listing and solution.
//!
//! The repository only reads rows; the index, its version check and its rebuilds belong to
//! `search::directory`. Rows are handed over one by one as they stream (a sink, not a vector), so
//! reading a hundred thousand listings never holds their texts all at once.
mod organizations;
mod solutions;

use sqlx::AnyConnection;

use super::{Database, Engine};
use crate::error::AppError;

pub use organizations::{ListingPart, ListingRow};
pub use solutions::{SolutionPart, SolutionRow};

/// Where the rows read for the directory go (listings or solutions): every row first, then the parts,
/// each naming its row's id. Parts may name rows that were not read (a solution of a draft listing):
/// a sink ignores those.
pub trait DirectorySink {
    type Row;
    /// What else is read about a row, borrowing the text the database returned.
    type Part<'a>;
    fn row(&mut self, row: Self::Row);
    fn part(&mut self, id: i64, part: Self::Part<'_>);
}

/// Streams the `(id, linked id)` pairs a query selects (a listing and its category, say) to `each`.
async fn read_links(connection: &mut AnyConnection, sql: &str, mut each: impl FnMut(i64, i64)) -> Result<(), AppError> {
    let mut rows = sqlx::query(sql).fetch(connection);
    while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
        use sqlx::Row;
        each(row.try_get(0)?, row.try_get(1)?);
    }
    Ok(())
}

/// Records, inside the caller's transaction, that what the directory shows has changed.
pub(super) async fn directory_changed(connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE directory_version SET version = version + 1 WHERE id = 1").execute(connection).await?;
    Ok(())
}

/// Commits a curated change to what the directory shows: every app instance sees it on its next read,
/// and the audit log records it in the same transaction (loading the demo data is recorded once, as a
/// whole, by the command line: its parts pass no record).
pub(super) async fn commit_directory_change<'a>(
    mut transaction: sqlx::Transaction<'_, sqlx::Any>,
    record: impl Into<Option<&'a super::AuditRecord<'a>>>,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    directory_changed(&mut transaction).await?;
    if let Some(record) = record.into() {
        super::audit::append(&mut transaction, record, now).await?;
    }
    transaction.commit().await?;
    Ok(())
}

impl Database {
    /// The directory's version: it moves with every change to what the directory shows.
    pub async fn directory_version(&self) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1").fetch_one(self.pool()).await?)
    }

    /// Reads every published listing and every solution of one into the sinks, in one consistent
    /// snapshot, and returns the directory version the snapshot shows.
    pub async fn read_directory<L, S>(&self, listings: &mut L, solutions: &mut S) -> Result<i64, AppError>
    where
        L: for<'a> DirectorySink<Row = ListingRow, Part<'a> = ListingPart<'a>>,
        S: for<'a> DirectorySink<Row = SolutionRow, Part<'a> = SolutionPart<'a>>,
    {
        let mut transaction = self.pool().begin().await?;
        let connection: &mut AnyConnection = &mut transaction;
        if self.engine() == Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(&mut *connection).await?;
        }
        let version: i64 = sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1")
            .fetch_one(&mut *connection)
            .await?;
        organizations::read(connection, listings).await?;
        solutions::read(connection, solutions).await?;
        transaction.commit().await?;
        Ok(version)
    }
}
