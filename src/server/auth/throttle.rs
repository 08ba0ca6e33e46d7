//! Throttling of sign-in, sign-up and password resets, per IP address and per account. The counts are
//! rows in the database, so every app instance enforces the same limits.
use time::{Duration, OffsetDateTime};

use crate::{
    error::AppError,
    server::db::{AttemptAction, Database},
};

/// At most `max` attempts (or failures) of one kind from one scope within `window`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub action: AttemptAction,
    pub max: i64,
    pub window: Duration,
    /// Whether only failed attempts count (wrong passwords), or every attempt (mails sent).
    pub failures_only: bool,
}

/// Guessing passwords: a handful per account, more per address (offices share one).
pub const LOGIN_PER_ACCOUNT: Limit =
    Limit { action: AttemptAction::Login, max: 5, window: Duration::minutes(15), failures_only: true };
pub const LOGIN_PER_IP: Limit =
    Limit { action: AttemptAction::Login, max: 30, window: Duration::minutes(15), failures_only: true };
/// Creating accounts, each of which sends a mail.
pub const SIGNUP_PER_IP: Limit =
    Limit { action: AttemptAction::Signup, max: 10, window: Duration::hours(1), failures_only: false };
/// Asking for reset links, each of which sends a mail.
pub const RESET_PER_ACCOUNT: Limit =
    Limit { action: AttemptAction::Reset, max: 3, window: Duration::hours(1), failures_only: false };
pub const RESET_PER_IP: Limit =
    Limit { action: AttemptAction::Reset, max: 10, window: Duration::hours(1), failures_only: false };

/// The scope text for an IP address.
pub fn ip_scope(ip: &str) -> String {
    format!("ip:{ip}")
}

/// The scope text for an account, by its normalised email address (known or not, so the limit
/// does not reveal which addresses have accounts).
pub fn account_scope(email: &str) -> String {
    format!("account:{email}")
}

/// Refuses with [`AppError::RateLimited`] when any of the limits is reached, saying when the oldest
/// counted attempt leaves its window.
pub async fn check(db: &Database, checks: &[(Limit, &str)], now: OffsetDateTime) -> Result<(), AppError> {
    let mut retry_after: Option<i64> = None;
    for (limit, scope) in checks {
        let attempts = db.count_attempts(scope, limit.action, limit.failures_only, now - limit.window).await?;
        if attempts.count >= limit.max {
            let frees_at = attempts.oldest.unwrap_or(now) + limit.window;
            let wait = (frees_at - now).whole_seconds().max(1);
            retry_after = Some(retry_after.map_or(wait, |longest| longest.max(wait)));
        }
    }
    match retry_after {
        Some(seconds) => Err(AppError::RateLimited { retry_after_secs: seconds.unsigned_abs() }),
        None => Ok(()),
    }
}

/// Counts an attempt under every scope it belongs to.
pub async fn record(
    db: &Database,
    action: AttemptAction,
    scopes: &[&str],
    succeeded: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    for scope in scopes {
        db.record_attempt(scope, action, succeeded, now).await?;
    }
    Ok(())
}
