//! What signing in needs from the database: credentials, one-time email links, attempt counts for
//! throttling, and the mail outbox. Kept here rather than in process memory so that every app
//! instance behind a load balancer sees the same facts.
use sqlx::Row;
use time::OffsetDateTime;

use super::{Database, Engine, decode_optional_time, decode_time, encode_time, users::user_from_row};
use crate::{domain::user::User, error::AppError};

/// What signing in checks, beyond the public account: never leaves the server.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub user: User,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    /// Sessions started under an older epoch are no longer valid.
    pub session_epoch: i64,
}

/// Why a one-time link was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }
}

/// The requests throttled against guessing and abuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptAction {
    Login,
    Signup,
    Reset,
}

impl AttemptAction {
    fn as_str(self) -> &'static str {
        match self {
            AttemptAction::Login => "login",
            AttemptAction::Signup => "signup",
            AttemptAction::Reset => "reset",
        }
    }
}

/// Which of a scope's attempts a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Every attempt (each sent a mail).
    Every,
    /// Failed attempts (wrong passwords or codes), however many successes came between.
    Failures,
    /// Failed attempts since the scope's last success: signing in correctly clears the slate.
    FailuresSinceSuccess,
}

/// One limit an attempt must pass: at most `max` counted attempts of `action` from `scope` since `since`.
#[derive(Clone, Copy, Debug)]
pub struct AttemptRule<'a> {
    pub scope: &'a str,
    pub action: AttemptAction,
    pub counting: Counting,
    pub since: OffsetDateTime,
    pub max: i64,
}

/// Whether an attempt may go ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Recorded: the attempt's rows, to settle with its outcome.
    Admitted(Vec<i64>),
    /// Refused, with the rules (by index) at their limit and what they counted.
    Refused(Vec<(usize, AttemptCount)>),
}

/// The attempts a rule counts. Rows are ordered by id, not by their whole-second times, so a success
/// and a failure in the same second are told apart.
async fn count_attempts(
    connection: &mut sqlx::AnyConnection,
    rule: &AttemptRule<'_>,
) -> Result<AttemptCount, AppError> {
    let (failures_only, since_success) = match rule.counting {
        Counting::Every => (false, false),
        Counting::Failures => (true, false),
        Counting::FailuresSinceSuccess => (true, true),
    };
    let row = sqlx::query(
        "SELECT COUNT(*) AS attempts, MIN(at) AS oldest FROM auth_attempts \
         WHERE scope = $1 AND action = $2 AND at > $3 AND (succeeded = 0 OR $4 = 0) \
         AND ($5 = 0 OR id > COALESCE((SELECT MAX(id) FROM auth_attempts \
             WHERE scope = $1 AND action = $2 AND succeeded = 1), 0))",
    )
    .bind(rule.scope)
    .bind(rule.action.as_str())
    .bind(encode_time(rule.since))
    .bind(i64::from(failures_only))
    .bind(i64::from(since_success))
    .fetch_one(connection)
    .await?;
    Ok(AttemptCount { count: row.try_get("attempts")?, oldest: decode_optional_time(row.try_get("oldest")?)? })
}

/// How many matching attempts a window holds, and when the oldest of them was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptCount {
    pub count: i64,
    pub oldest: Option<OffsetDateTime>,
}

/// A mail for the outbox: to whom, and what it says, already in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// A mail waiting in the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
}

const CREDENTIAL_COLUMNS: &str =
    "id, email, staff_role, email_verified_at, disabled_at, created_at, password_hash, totp_secret, session_epoch";

impl Database {
    pub async fn credentials_by_email(&self, email: &str) -> Result<Option<Credentials>, AppError> {
        let row = sqlx::query(&format!("SELECT {CREDENTIAL_COLUMNS} FROM users WHERE email = $1"))
            .bind(email)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(credentials_from_row).transpose()?)
    }

    pub async fn credentials_by_id(&self, user_id: i64) -> Result<Option<Credentials>, AppError> {
        let row = sqlx::query(&format!("SELECT {CREDENTIAL_COLUMNS} FROM users WHERE id = $1"))
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(credentials_from_row).transpose()?)
    }

    /// Replaces a password and ends every session the account had.
    pub async fn set_password(&self, user_id: i64, password_hash: &str, now: OffsetDateTime) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(encode_time(now))
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Ends every session of an account, on every app instance.
    pub async fn end_sessions(&self, user_id: i64, now: OffsetDateTime) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET session_epoch = session_epoch + 1, updated_at = $1 WHERE id = $2")
            .bind(encode_time(now))
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Marks an address as proven; the first proof counts.
    pub async fn mark_email_verified(&self, user_id: i64, now: OffsetDateTime) -> Result<(), AppError> {
        let now = encode_time(now);
        sqlx::query(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1 WHERE id = $2",
        )
        .bind(&now)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn store_email_token(
        &self,
        purpose: TokenPurpose,
        user_id: i64,
        token_hash: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO email_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(user_id)
        .bind(encode_time(now))
        .bind(encode_time(expires_at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Whose unused, unexpired link this is, without using it up (for showing the page it opens).
    pub async fn peek_email_token(
        &self,
        purpose: TokenPurpose,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<i64>, AppError> {
        let row = sqlx::query(
            "SELECT user_id FROM email_tokens \
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(encode_time(now))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| row.try_get("user_id")).transpose()?)
    }

    /// Uses up a link, once: of two requests racing with the same token, only one gets the account.
    pub async fn use_email_token(
        &self,
        purpose: TokenPurpose,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<i64>, AppError> {
        let now = encode_time(now);
        let row = sqlx::query(
            "UPDATE email_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(&now)
        .bind(token_hash)
        .bind(purpose.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| row.try_get("user_id")).transpose()?)
    }

    /// Accepts an authenticator time step once: false when it, or a later one, was already used.
    pub async fn use_totp_step(&self, user_id: i64, step: i64) -> Result<bool, AppError> {
        let result = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Turns two-factor authentication on with a confirmed secret, or off with `None`.
    pub async fn set_totp_secret(
        &self,
        user_id: i64,
        secret: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = NULL, updated_at = $2 WHERE id = $3")
            .bind(secret)
            .bind(encode_time(now))
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Counts the attempts each rule sees and, when none is at its limit, records this attempt under
    /// every rule's scope, all in one transaction that holds the write lock from its start: concurrent
    /// attempts are counted one after another, so no more than a limit's worth is ever admitted. The
    /// rows count as failures until [`Database::settle_attempts`] says otherwise.
    pub async fn admit_attempt(&self, rules: &[AttemptRule<'_>], now: OffsetDateTime) -> Result<Admission, AppError> {
        // The write lock from the start on SQLite: a plain BEGIN would take it only after the counts were read.
        let mut transaction = self.begin_write().await?;
        if self.engine() == Engine::Postgres {
            let mut scopes: Vec<&str> = rules.iter().map(|rule| rule.scope).collect();
            scopes.sort_unstable();
            scopes.dedup();
            for scope in scopes {
                sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS lock")
                    .bind(scope)
                    .fetch_one(&mut *transaction)
                    .await?;
            }
        }
        let mut refused = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            let count = count_attempts(&mut transaction, rule).await?;
            if count.count >= rule.max {
                refused.push((index, count));
            }
        }
        if !refused.is_empty() {
            return Ok(Admission::Refused(refused));
        }
        let mut ids = Vec::with_capacity(rules.len());
        for rule in rules {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO auth_attempts (scope, action, succeeded, at) VALUES ($1, $2, 0, $3) RETURNING id",
            )
            .bind(rule.scope)
            .bind(rule.action.as_str())
            .bind(encode_time(now))
            .fetch_one(&mut *transaction)
            .await?;
            ids.push(id);
        }
        transaction.commit().await?;
        Ok(Admission::Admitted(ids))
    }

    /// Records how admitted attempts ended.
    pub async fn settle_attempts(&self, ids: &[i64], succeeded: bool) -> Result<(), AppError> {
        for id in ids {
            sqlx::query("UPDATE auth_attempts SET succeeded = $1 WHERE id = $2")
                .bind(i64::from(succeeded))
                .bind(id)
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// Forgets attempts and used or expired links older than a moment: they no longer count for anything.
    pub async fn prune_account_records(&self, before: OffsetDateTime) -> Result<(), AppError> {
        let before = encode_time(before);
        sqlx::query("DELETE FROM auth_attempts WHERE at < $1").bind(&before).execute(self.pool()).await?;
        sqlx::query("DELETE FROM email_tokens WHERE expires_at < $1").bind(&before).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn enqueue_mail(&self, mail: &OutgoingMail, now: OffsetDateTime) -> Result<(), AppError> {
        let mut connection = self.pool().acquire().await?;
        enqueue(&mut connection, std::slice::from_ref(mail), now).await?;
        Ok(())
    }

    /// Takes up to `limit` due mails for sending. Each is pushed `lease` into the future first, so that
    /// another instance running the same loop does not send it too; a crash mid-send retries it later.
    pub async fn claim_due_mail(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
        limit: i64,
    ) -> Result<Vec<QueuedMail>, AppError> {
        let rows = sqlx::query(
            "SELECT id, next_attempt_at FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 \
             ORDER BY next_attempt_at LIMIT $2",
        )
        .bind(encode_time(now))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut claimed = Vec::new();
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let due: String = row.try_get("next_attempt_at")?;
            let taken = sqlx::query(&format!(
                "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 \
                 WHERE id = $2 AND next_attempt_at = $3 AND sent_at IS NULL RETURNING {MAIL_COLUMNS}"
            ))
            .bind(encode_time(now + lease))
            .bind(id)
            .bind(due)
            .fetch_optional(self.pool())
            .await?;
            if let Some(row) = taken {
                claimed.push(mail_from_row(&row)?);
            }
        }
        Ok(claimed)
    }

    pub async fn mark_mail_sent(&self, id: i64, now: OffsetDateTime) -> Result<(), AppError> {
        sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2")
            .bind(encode_time(now))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn mark_mail_failed(&self, id: i64, error: &str, retry_at: OffsetDateTime) -> Result<(), AppError> {
        sqlx::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
            .bind(error)
            .bind(encode_time(retry_at))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The newest mails, sent or not, for admins (and for tests that follow an emailed link).
    pub async fn recent_mail(&self, recipient: Option<&str>, limit: i64) -> Result<Vec<QueuedMail>, AppError> {
        let rows = sqlx::query(&format!(
            "SELECT {MAIL_COLUMNS} FROM outbox WHERE ($1 = '' OR recipient = $1) ORDER BY id DESC LIMIT $2"
        ))
        .bind(recipient.unwrap_or_default())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(mail_from_row).collect::<Result<_, _>>()?)
    }
}

const MAIL_COLUMNS: &str = "id, recipient, subject, body, attempts, created_at, sent_at, last_error";

fn mail_from_row(row: &sqlx::any::AnyRow) -> Result<QueuedMail, sqlx::Error> {
    Ok(QueuedMail {
        id: row.try_get("id")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        attempts: row.try_get("attempts")?,
        created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
        sent_at: decode_optional_time(row.try_get("sent_at")?)?,
        last_error: row.try_get("last_error")?,
    })
}

fn credentials_from_row(row: &sqlx::any::AnyRow) -> Result<Credentials, sqlx::Error> {
    Ok(Credentials {
        user: user_from_row(row)?,
        password_hash: row.try_get("password_hash")?,
        totp_secret: row.try_get("totp_secret")?,
        session_epoch: row.try_get("session_epoch")?,
    })
}

/// Queues mails on a connection, so they can join the transaction of the change that causes them.
pub(super) async fn enqueue(
    connection: &mut sqlx::AnyConnection,
    mails: &[OutgoingMail],
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let now = encode_time(now);
    for OutgoingMail { to: recipient, subject, body } in mails {
        sqlx::query(
            "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .bind(&now)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}
