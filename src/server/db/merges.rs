//! Merging a duplicate listing into the one kept: its solutions, members, history and forum places
//! move over, the duplicate is deleted, and its slug leads to the one kept from then on.
use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::{AuditRecord, Database, directory::commit_directory_change, encode_time};
use crate::error::AppError;

impl Database {
    /// Merges listing `duplicate` into listing `kept`, in one transaction with its audit row.
    ///
    /// Members keep their role, except that a second owner joins as an editor (a listing has one
    /// owner). Changes the duplicate had waiting for review are superseded, its waiting claims refused:
    /// they proposed a listing that no longer exists.
    pub async fn merge_organizations(
        &self,
        duplicate: i64,
        kept: i64,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let slug: String = sqlx::query("SELECT slug FROM organizations WHERE id = $1")
            .bind(duplicate)
            .fetch_optional(&mut *connection)
            .await?
            .ok_or(AppError::NotFound)?
            .try_get("slug")?;
        let statements = [
            "UPDATE solutions SET organization_id = $2 WHERE organization_id = $1",
            // Members of both stay as they are on the one kept.
            "INSERT INTO memberships (user_id, organization_id, role, created_at) \
             SELECT user_id, $2, CASE WHEN role = 'owner' AND EXISTS \
                 (SELECT 1 FROM memberships WHERE organization_id = $2 AND role = 'owner') THEN 'editor' ELSE role END, \
               created_at FROM memberships \
             WHERE organization_id = $1 AND user_id NOT IN (SELECT user_id FROM memberships WHERE organization_id = $2)",
            "UPDATE revisions SET status = 'superseded' WHERE organization_id = $1 AND status = 'pending'",
            "UPDATE revisions SET organization_id = $2 WHERE organization_id = $1",
            "UPDATE claims SET status = 'rejected', reason = 'merged' WHERE organization_id = $1 AND status = 'pending'",
            "UPDATE claims SET organization_id = $2 WHERE organization_id = $1",
            "DELETE FROM invitations WHERE organization_id = $1 AND accepted_at IS NULL AND email IN \
               (SELECT email FROM invitations WHERE organization_id = $2 AND accepted_at IS NULL)",
            "UPDATE invitations SET organization_id = $2 WHERE organization_id = $1",
            "INSERT INTO forum_participants (panel_id, organization_id) SELECT panel_id, $2 FROM forum_participants \
             WHERE organization_id = $1 AND panel_id NOT IN (SELECT panel_id FROM forum_participants WHERE organization_id = $2)",
            "UPDATE slug_redirects SET organization_id = $2 WHERE organization_id = $1",
            "DELETE FROM organizations WHERE id = $1",
        ];
        for statement in statements {
            let query = sqlx::query(statement).bind(duplicate);
            // PostgreSQL refuses a parameter a statement does not use.
            let query = if statement.contains("$2") { query.bind(kept) } else { query };
            query.execute(&mut *connection).await?;
        }
        sqlx::query(
            "INSERT INTO slug_redirects (slug, organization_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (slug) DO UPDATE SET organization_id = excluded.organization_id, created_at = excluded.created_at",
        )
            .bind(slug)
            .bind(kept)
            .bind(encode_time(now))
            .execute(&mut *connection)
            .await?;
        sqlx::query("UPDATE organizations SET updated_at = $1 WHERE id = $2")
            .bind(encode_time(now))
            .bind(kept)
            .execute(&mut *connection)
            .await?;
        commit_directory_change(transaction, record, now).await
    }

    /// The slug a merged listing's old slug now leads to, unless a listing has taken the old slug since
    /// or the listing kept is not public (a redirect would only lead to a 404).
    pub async fn redirected_slug(&self, slug: &str) -> Result<Option<String>, AppError> {
        let row = sqlx::query(
            "SELECT organizations.slug FROM slug_redirects \
             JOIN organizations ON organizations.id = slug_redirects.organization_id WHERE slug_redirects.slug = $1 \
             AND organizations.status = 'published' AND NOT EXISTS (SELECT 1 FROM organizations AS taken WHERE taken.slug = $1)",
        )
        .bind(slug)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| row.try_get("slug")).transpose()?)
    }
}
