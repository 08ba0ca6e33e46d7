//! Throttling of sign-in, sign-up, password resets and confirmation mails, per IP address and per
//! account. The counts are rows in the database, so every app instance enforces the same limits, and
//! an attempt is recorded before it is tried, so concurrent attempts cannot slip past a limit.
use time::{Duration, OffsetDateTime};

use crate::{
    domain::user::EmailAddress,
    error::AppError,
    server::db::{Admission, AttemptAction, AttemptRule, Counting, Database},
};

/// At most `max` counted attempts of one kind from one scope within `window`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub action: AttemptAction,
    pub max: i64,
    pub window: Duration,
    pub counting: Counting,
}

/// Guessing passwords: a handful per account (a right password clears its slate), more per address
/// (offices share one), where one account's success does not clear the failures against others.
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    action: AttemptAction::Login,
    max: 5,
    window: Duration::minutes(15),
    counting: Counting::FailuresSinceSuccess,
};
pub const LOGIN_PER_IP: Limit =
    Limit { action: AttemptAction::Login, max: 30, window: Duration::minutes(15), counting: Counting::Failures };
/// Creating accounts, each of which sends a mail.
pub const SIGNUP_PER_IP: Limit =
    Limit { action: AttemptAction::Signup, max: 10, window: Duration::hours(1), counting: Counting::Every };
/// Asking for another confirmation link: a few per account. Per IP address these count with
/// [`SIGNUP_PER_IP`], as each sends the same mail a sign-up does.
pub const CONFIRMATION_PER_ACCOUNT: Limit =
    Limit { action: AttemptAction::Signup, max: 3, window: Duration::hours(1), counting: Counting::Every };
/// Asking for reset links, each of which sends a mail.
pub const RESET_PER_ACCOUNT: Limit =
    Limit { action: AttemptAction::Reset, max: 3, window: Duration::hours(1), counting: Counting::Every };
pub const RESET_PER_IP: Limit =
    Limit { action: AttemptAction::Reset, max: 10, window: Duration::hours(1), counting: Counting::Every };

/// The scope text for an IP address.
pub fn ip_scope(ip: &str) -> String {
    format!("ip:{ip}")
}

/// The scope text for an account, by its checked email address (known or not, so the limit does not
/// reveal which addresses have accounts). Only a checked address, so a row holds at most its length.
pub fn account_scope(email: &EmailAddress) -> String {
    format!("account:{}", email.as_str())
}

/// An attempt admitted under its limits, recorded as a failure until [`Attempt::settle`] says how it
/// ended.
#[must_use = "an attempt counts as failed until it is settled"]
pub struct Attempt {
    ids: Vec<i64>,
}

impl Attempt {
    /// Records how the attempt ended.
    pub async fn settle(self, db: &Database, succeeded: bool) -> Result<(), AppError> {
        if succeeded { db.settle_attempts(&self.ids, true).await } else { Ok(()) }
    }
}

/// Records an attempt under every limit's scope, or refuses it with [`AppError::RateLimited`] when any
/// limit is reached, saying when the oldest counted attempt leaves its window. Nothing is recorded
/// for a refused attempt.
pub async fn admit(db: &Database, checks: &[(Limit, &str)], now: OffsetDateTime) -> Result<Attempt, AppError> {
    let rules: Vec<AttemptRule<'_>> = checks
        .iter()
        .map(|(limit, scope)| AttemptRule {
            scope,
            action: limit.action,
            counting: limit.counting,
            since: now - limit.window,
            max: limit.max,
        })
        .collect();
    match db.admit_attempt(&rules, now).await? {
        Admission::Admitted(ids) => Ok(Attempt { ids }),
        Admission::Refused(refusals) => {
            let retry_after = refusals
                .iter()
                .map(|(index, count)| {
                    let window = checks[*index].0.window;
                    (count.oldest.unwrap_or(now) + window - now).whole_seconds().max(1)
                })
                .max()
                .unwrap_or(1);
            Err(AppError::RateLimited { retry_after_secs: retry_after.unsigned_abs() })
        }
    }
}
