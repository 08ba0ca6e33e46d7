//! What forum staff read and change: the review queue, decisions, listing state, and people. Every
//! change appends its audit row in the same transaction.
use sqlx::Row;
use time::OffsetDateTime;

use super::{
    Database, LikeAt, SqlBuilder,
    accounts::{OutgoingMail, enqueue},
    audit::{AuditRecord, append},
    decode_optional_time, decode_time, decode_word,
    directory::{commit_directory_change, directory_changed},
    editing::Proposal,
    encode_json, encode_time,
    organizations::apply_profile,
    solutions::apply_solution_edits,
    users::upsert_membership,
};
use crate::{
    domain::{
        curation::{ListingAction, Person, QualityItem, QualityList, QualityReport, ReviewField},
        editing::RevisionStatus,
        lang::Lang,
        organization::ListingStatus,
        user::{MembershipRole, StaffRole},
        validation::{FieldError, Problem},
    },
    error::AppError,
};

const PENDING_CLAIMS: &str = "SELECT claims.id, claims.organization_id, users.email AS person, claims.created_at \
     FROM claims JOIN users ON users.id = claims.user_id WHERE claims.status = 'pending'";

/// A pending change or claim as the queue reads it, before names are looked up.
#[derive(Clone, Debug)]
pub struct Waiting {
    pub id: i64,
    pub organization_id: i64,
    pub person: Option<String>,
    pub created_at: OffsetDateTime,
}

/// How staff decide a change.
#[derive(Clone, Debug)]
pub enum Decision<'a> {
    /// Publish this profile and these solution edits: all of the change, or the chosen `fields` of it.
    Approve {
        proposal: Proposal<'a>,
        fields: &'a [ReviewField],
    },
    Reject,
}

impl Database {
    /// Changes waiting for review, oldest first.
    pub async fn pending_revisions(&self) -> Result<Vec<Waiting>, AppError> {
        self.waiting(
            "SELECT revisions.id, revisions.organization_id, users.email AS person, revisions.created_at \
             FROM revisions LEFT JOIN users ON users.id = revisions.author_id \
             WHERE revisions.status = 'pending' ORDER BY revisions.created_at, revisions.id",
            None,
        )
        .await
    }

    /// Ownership claims waiting for staff, oldest first.
    pub async fn pending_claims(&self) -> Result<Vec<Waiting>, AppError> {
        self.waiting(&format!("{PENDING_CLAIMS} ORDER BY claims.created_at, claims.id"), None).await
    }

    /// One ownership claim, while it waits for staff.
    pub async fn pending_claim(&self, claim_id: i64) -> Result<Option<Waiting>, AppError> {
        Ok(self.waiting(&format!("{PENDING_CLAIMS} AND claims.id = $1"), Some(claim_id)).await?.pop())
    }

    async fn waiting(&self, sql: &str, id: Option<i64>) -> Result<Vec<Waiting>, AppError> {
        let query = sqlx::query(sql);
        let query = match id {
            Some(id) => query.bind(id),
            None => query,
        };
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(Waiting {
                    id: row.try_get("id")?,
                    organization_id: row.try_get("organization_id")?,
                    person: row.try_get("person")?,
                    created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// Published listings last updated before `before`, and listings published since `since`.
    pub async fn stale_and_new(&self, before: OffsetDateTime, since: OffsetDateTime) -> Result<(u64, u64), AppError> {
        let row = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM organizations WHERE status = 'published' AND updated_at < $1) AS stale, \
               (SELECT COUNT(*) FROM organizations WHERE status = 'published' AND published_at >= $2) AS fresh",
        )
        .bind(encode_time(before))
        .bind(encode_time(since))
        .fetch_one(self.pool())
        .await?;
        let count = |column: &str| row.try_get::<i64, _>(column).map(|count| u64::try_from(count).unwrap_or(0));
        Ok((count("stale")?, count("fresh")?))
    }

    /// Decides a pending change. Approving publishes the given profile (and a listing never published
    /// before); rejecting leaves the listing as it is. The members' mail goes out with the decision.
    pub async fn decide_revision(
        &self,
        revision_id: i64,
        decision: Decision<'_>,
        comment: Option<&str>,
        record: &AuditRecord<'_>,
        mails: &[OutgoingMail],
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let (status, approved_fields) = match decision {
            Decision::Approve { fields: [], .. } => (RevisionStatus::Published, None),
            Decision::Approve { fields, .. } => (RevisionStatus::Published, Some(encode_json(&fields))),
            Decision::Reject => (RevisionStatus::Rejected, None),
        };
        let updated = sqlx::query(
            "UPDATE revisions SET status = $1, staff_comment = $2, decided_by = $3, decided_at = $4, \
             approved_fields = $6 WHERE id = $5 AND status = 'pending'",
        )
        .bind(status.as_str())
        .bind(comment)
        .bind(record.actor.user_id)
        .bind(encode_time(now))
        .bind(revision_id)
        .bind(approved_fields)
        .execute(&mut *transaction)
        .await?;
        if updated.rows_affected() == 0 {
            // Decided by someone else meanwhile, or superseded by a newer change.
            return Err(already_decided());
        }
        if let (Decision::Approve { proposal, .. }, Some(organization_id)) = (decision, record.organization_id) {
            apply_profile(&mut transaction, organization_id, proposal.profile, now).await?;
            apply_solution_edits(&mut transaction, organization_id, proposal.solution_edits, now).await?;
            publish(&mut transaction, organization_id, now).await?;
        }
        commit_decision(transaction, record, mails, now).await
    }

    /// Decides an ownership claim; an approved claimant becomes the listing's owner.
    pub async fn decide_claim(
        &self,
        claim_id: i64,
        approve: bool,
        reason: Option<&str>,
        record: &AuditRecord<'_>,
        mails: &[OutgoingMail],
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let now_text = encode_time(now);
        let row = sqlx::query(
            "UPDATE claims SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
             WHERE id = $5 AND status = 'pending' RETURNING organization_id, user_id",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(reason)
        .bind(record.actor.user_id)
        .bind(&now_text)
        .bind(claim_id)
        .fetch_optional(&mut *transaction)
        .await?
        .ok_or_else(already_decided)?;
        if approve {
            let (user_id, organization_id) = (row.try_get("user_id")?, row.try_get("organization_id")?);
            upsert_membership(&mut transaction, user_id, organization_id, MembershipRole::Owner, now).await?;
        }
        commit_decision(transaction, record, mails, now).await
    }

    /// Verifies, features, hides, archives or restores a listing. `position` places a featured
    /// startup on the showcase (lower first).
    pub async fn apply_listing_action(
        &self,
        organization_id: i64,
        action: ListingAction,
        position: Option<i64>,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        if action == ListingAction::Feature {
            // Staff put a listing at a place: whoever held that place and those after move down one.
            let mut sql = SqlBuilder::new(
                "UPDATE organizations SET featured_position = featured_position + 1 WHERE featured_position >= ",
            );
            sql.bind(position.unwrap_or(1)).push(" AND id <> ").bind(organization_id);
            sql.query().execute(&mut *transaction).await?;
        }
        let mut sql = SqlBuilder::new("UPDATE organizations SET updated_at = ");
        sql.bind(encode_time(now));
        match action {
            ListingAction::Verify => sql.push(", verified_at = ").bind(encode_time(now)),
            ListingAction::Unverify => sql.push(", verified_at = NULL"),
            ListingAction::Feature => sql.push(", featured_position = ").bind(position.unwrap_or(1)),
            ListingAction::Unfeature => sql.push(", featured_position = NULL"),
            ListingAction::Hide | ListingAction::Archive | ListingAction::Restore => {
                let status = action.status().map_or(ListingStatus::Published, |status| status);
                sql.push(", status = ").bind(status.as_str())
            }
        };
        sql.push(" WHERE id = ").bind(organization_id);
        sql.query().execute(&mut *transaction).await?;
        if action == ListingAction::Restore {
            publish(&mut transaction, organization_id, now).await?;
        }
        commit_directory_change(transaction, record, now).await
    }

    /// Accounts whose address contains `search`, staff first, then newest.
    pub async fn people(&self, search: &str, limit: i64) -> Result<Vec<Person>, AppError> {
        let mut sql = SqlBuilder::new(
            "SELECT users.id, users.email, users.staff_role, users.email_verified_at, users.disabled_at, \
             users.created_at, (SELECT string_agg(organizations.slug, ' ') FROM memberships \
               JOIN organizations ON organizations.id = memberships.organization_id \
               WHERE memberships.user_id = users.id) AS organizations \
             FROM users WHERE LOWER(users.email)",
        );
        sql.like(&search.trim().to_lowercase(), LikeAt::Anywhere);
        sql.push(" ORDER BY users.staff_role IS NULL, users.created_at DESC, users.id DESC LIMIT ").bind(limit);
        let rows = sql.query().fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                let organizations: Option<String> = row.try_get("organizations")?;
                Ok(Person {
                    id: row.try_get("id")?,
                    email: row.try_get("email")?,
                    staff_role: row
                        .try_get::<Option<String>, _>("staff_role")?
                        .map(|role| decode_word(&role))
                        .transpose()?,
                    confirmed: row.try_get::<Option<String>, _>("email_verified_at")?.is_some(),
                    disabled: decode_optional_time(row.try_get("disabled_at")?)?.is_some(),
                    organizations: organizations
                        .map(|slugs| slugs.split(' ').map(str::to_owned).collect())
                        .unwrap_or_default(),
                    created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// Gives or takes a staff role.
    pub async fn set_staff_role(
        &self,
        user_id: i64,
        role: Option<StaffRole>,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("UPDATE users SET staff_role = $1, updated_at = $2 WHERE id = $3")
            .bind(role.map(StaffRole::as_str))
            .bind(encode_time(now))
            .bind(user_id)
            .execute(&mut *transaction)
            .await?;
        append(&mut transaction, record, now).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Disables an account (ending its sessions everywhere) or enables it again.
    pub async fn set_disabled(
        &self,
        user_id: i64,
        disabled: bool,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let now_text = encode_time(now);
        sqlx::query(
            "UPDATE users SET disabled_at = $1, session_epoch = session_epoch + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(disabled.then_some(now_text.as_str()))
        .bind(&now_text)
        .bind(user_id)
        .execute(&mut *transaction)
        .await?;
        append(&mut transaction, record, now).await?;
        transaction.commit().await?;
        Ok(())
    }
}

/// Makes a listing public, remembering when it first was.
async fn publish(
    connection: &mut sqlx::AnyConnection,
    organization_id: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE organizations SET status = 'published', published_at = COALESCE(published_at, $1) WHERE id = $2",
    )
    .bind(encode_time(now))
    .bind(organization_id)
    .execute(&mut *connection)
    .await?;
    directory_changed(connection).await
}

/// Ends a decision's transaction: its audit row and its mails commit with it, or nothing does.
async fn commit_decision(
    mut transaction: sqlx::Transaction<'_, sqlx::Any>,
    record: &AuditRecord<'_>,
    mails: &[OutgoingMail],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    append(&mut transaction, record, now).await?;
    enqueue(&mut transaction, mails, now).await?;
    transaction.commit().await?;
    Ok(())
}

fn already_decided() -> AppError {
    FieldError::new("decision", Problem::AlreadyDecided).into()
}

/// The data-quality checks: a condition on published listings (`o`), whether it compares with the
/// staleness date, and the order to list what it finds in.
const QUALITY_CHECKS: [(&str, bool, &str); 3] = [
    ("o.updated_at < ", true, "o.updated_at"),
    ("(SELECT COUNT(*) FROM organization_texts t WHERE t.organization_id = o.id) < 3", false, "o.slug"),
    ("o.logo_version IS NULL", false, "o.slug"),
];

impl Database {
    /// Published listings not updated since `stale_before`, missing a language, or without a logo:
    /// how many of each, and the first `limit` with their name and the languages they lack.
    pub async fn quality_report(&self, stale_before: OffsetDateTime, limit: i64) -> Result<QualityReport, AppError> {
        let mut lists = Vec::new();
        for (condition, dated, order) in QUALITY_CHECKS {
            let scoped = |head: &str| {
                let mut sql = SqlBuilder::new(head);
                sql.push(" FROM organizations o WHERE o.status = 'published' AND ").push(condition);
                if dated {
                    sql.bind(encode_time(stale_before));
                }
                sql
            };
            let total: i64 = scoped("SELECT COUNT(*)").query().fetch_one(self.pool()).await?.try_get(0)?;
            let mut sql = scoped("SELECT o.id, o.slug, o.updated_at");
            sql.push(" ORDER BY ").push(order).push(" LIMIT ").bind(limit);
            let rows = sql.query().fetch_all(self.pool()).await?;
            let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
            let texts = self.organization_texts(&ids).await?;
            let items = rows
                .iter()
                .map(|row| {
                    let id: i64 = row.try_get("id")?;
                    let slug: String = row.try_get("slug")?;
                    let texts = texts.get(&id);
                    let name = texts
                        .and_then(|texts| texts.pick(Lang::En))
                        .map_or_else(|| slug.clone(), |text| text.value.name.clone());
                    let missing = Lang::ALL
                        .iter()
                        .copied()
                        .filter(|lang| texts.is_none_or(|texts| texts.get(*lang).is_none()))
                        .collect();
                    let updated_at = decode_time(&row.try_get::<String, _>("updated_at")?)?;
                    Ok(QualityItem { slug, name, updated_at, missing })
                })
                .collect::<Result<_, sqlx::Error>>()?;
            lists.push(QualityList { total, items });
        }
        let [stale, untranslated, without_logo] =
            <[QualityList; 3]>::try_from(lists).map_err(|_| AppError::Internal)?;
        Ok(QualityReport { stale, untranslated, without_logo })
    }
}
