//! The audit log: one row per write, appended in the write's own transaction where it has one, so a
//! change and its record commit (or roll back) together. The database refuses to alter a row.
use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::{Database, LikeAt, SqlBuilder, decode_time, encode_time};
use crate::{
    domain::{
        audit::AuditAction,
        curation::{AuditEntry, AuditFilter},
        user::User,
    },
    error::AppError,
};

/// Who made a change: a signed-in person, or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    /// The person's address at the time (addresses can change; the log must not), or `cli`.
    pub label: String,
}

impl Actor {
    pub fn person(user: &User) -> Actor {
        Actor { user_id: Some(user.id), label: user.email.to_string() }
    }

    pub fn command_line() -> Actor {
        Actor { user_id: None, label: "cli".to_owned() }
    }
}

/// A row to append: what was done to what, with the state before and after (JSON) where it helps.
#[derive(Clone, Debug)]
pub struct AuditRecord<'a> {
    pub actor: &'a Actor,
    pub action: AuditAction,
    pub organization_id: Option<i64>,
    pub subject: &'a str,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl<'a> AuditRecord<'a> {
    pub fn new(actor: &'a Actor, action: AuditAction, subject: &'a str) -> AuditRecord<'a> {
        AuditRecord { actor, action, organization_id: None, subject, before: None, after: None }
    }

    pub fn of_listing(mut self, organization_id: i64) -> Self {
        self.organization_id = Some(organization_id);
        self
    }

    pub fn change<T: serde::Serialize>(mut self, before: Option<&T>, after: Option<&T>) -> Self {
        self.before = before.map(super::encode_json);
        self.after = after.map(super::encode_json);
        self
    }
}

pub(super) async fn append(
    connection: &mut AnyConnection,
    record: &AuditRecord<'_>,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, organization_id, subject, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(encode_time(now))
    .bind(record.actor.user_id)
    .bind(&record.actor.label)
    .bind(record.action.as_str())
    .bind(record.organization_id)
    .bind(record.subject)
    .bind(record.before.as_deref())
    .bind(record.after.as_deref())
    .execute(connection)
    .await?;
    Ok(())
}

impl Database {
    /// Appends a row for a write that has no transaction of its own to join.
    pub async fn record(&self, record: &AuditRecord<'_>, now: OffsetDateTime) -> Result<(), AppError> {
        let mut connection = self.pool().acquire().await?;
        append(&mut connection, record, now).await?;
        Ok(())
    }

    /// Audit rows matching the filter, newest first.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AuditEntry>, AppError> {
        let mut sql = SqlBuilder::new(
            "SELECT id, at, actor, action, organization_id, subject, before, after FROM audit_log WHERE 1 = 1",
        );
        if !filter.actor.trim().is_empty() {
            sql.push(" AND LOWER(actor)").like(&filter.actor.trim().to_lowercase(), LikeAt::Anywhere);
        }
        if !filter.organization.trim().is_empty() {
            let slug = filter.organization.trim().to_owned();
            sql.push(" AND (subject = ").bind(slug.clone());
            sql.push(" OR organization_id IN (SELECT id FROM organizations WHERE slug = ").bind(slug).push("))");
        }
        if !filter.action.trim().is_empty() {
            sql.push(" AND action").like(filter.action.trim(), LikeAt::Start);
        }
        if let Some(from) = day(&filter.from) {
            sql.push(" AND at >= ").bind(from.to_string());
        }
        if let Some(after_last) = day(&filter.to).and_then(time::Date::next_day) {
            sql.push(" AND at < ").bind(after_last.to_string());
        }
        sql.push(" ORDER BY id DESC LIMIT ").bind(limit).push(" OFFSET ").bind(offset);
        let rows = sql.query().fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: decode_time(&row.try_get::<String, _>("at")?)?,
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    organization_id: row.try_get("organization_id")?,
                    subject: row.try_get("subject")?,
                    before: row.try_get("before")?,
                    after: row.try_get("after")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }
}

/// A `YYYY-MM-DD` day, or nothing for anything else (a malformed filter filters nothing). Stored times
/// are RFC 3339 text, so a day's text sorts before every moment of it.
fn day(text: &str) -> Option<time::Date> {
    time::Date::parse(text.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}
