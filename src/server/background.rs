//! Work every app instance does on its own schedule: sending the outbox, and forgetting records that
//! no longer count (expired sessions, old sign-in attempts, spent links). Each step is safe to run on
//! several instances at once.
use std::time::Duration;

use time::OffsetDateTime;

use super::{auth::DatabaseSessionStore, db::Database, mail};

const MAIL_INTERVAL: Duration = Duration::from_secs(2);
/// Tidying runs once per this many mail rounds (about an hour).
const TIDY_EVERY: u32 = 1800;

pub fn spawn(db: Database, sessions: DatabaseSessionStore, delivery: mail::Delivery) {
    tokio::spawn(async move {
        let mut round: u32 = 0;
        loop {
            let now = OffsetDateTime::now_utc();
            if let Err(error) = mail::send_due(&db, &delivery, now).await {
                tracing::error!(%error, "sending the outbox failed");
            }
            if round.is_multiple_of(TIDY_EVERY) {
                if let Err(error) = db.prune_account_records(now - time::Duration::days(1)).await {
                    tracing::error!(%error, "pruning sign-in records failed");
                }
                if let Err(error) = sessions.delete_expired().await {
                    tracing::error!(%error, "deleting expired sessions failed");
                }
            }
            round = round.wrapping_add(1);
            tokio::time::sleep(MAIL_INTERVAL).await;
        }
    });
}
