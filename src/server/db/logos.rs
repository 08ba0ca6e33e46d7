//! Logos, stored as bytes in every served size so any app instance can serve them.
use sqlx::Row;

use super::{Database, Value, directory::directory_changed, encode_time, sql::insert_rows};
use crate::{error::AppError, server::logos::Logo};

/// A stored logo image, as the HTTP route serves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredLogo {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub version: String,
}

impl Database {
    /// Replaces an organization's logo with a new one in every size.
    pub async fn set_logo(&self, organization_id: i64, logo: &Logo, now: time::OffsetDateTime) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("DELETE FROM organization_logos WHERE organization_id = $1")
            .bind(organization_id)
            .execute(&mut *transaction)
            .await?;
        let rows: Vec<Vec<Value>> = logo
            .images
            .iter()
            .map(|image| {
                vec![
                    Value::from(organization_id),
                    i64::from(image.size).into(),
                    image.content_type.into(),
                    Value::Blob(image.bytes.clone()),
                ]
            })
            .collect();
        insert_rows(
            &mut transaction,
            "organization_logos",
            &["organization_id", "size", "content_type", "bytes"],
            rows,
            "",
        )
        .await?;
        sqlx::query("UPDATE organizations SET logo_version = $1, updated_at = $2 WHERE id = $3")
            .bind(logo.version.as_str())
            .bind(encode_time(now))
            .bind(organization_id)
            .execute(&mut *transaction)
            .await?;
        directory_changed(&mut transaction).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// A published organization's logo in one of the served sizes.
    pub async fn logo(&self, slug: &str, size: u32) -> Result<Option<StoredLogo>, AppError> {
        let row = sqlx::query(
            "SELECT l.content_type, l.bytes, o.logo_version FROM organization_logos l \
             JOIN organizations o ON o.id = l.organization_id \
             WHERE o.slug = $1 AND l.size = $2 AND o.status = 'published'",
        )
        .bind(slug)
        .bind(i64::from(size))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(StoredLogo {
            content_type: row.try_get("content_type")?,
            bytes: row.try_get("bytes")?,
            version: row.try_get::<Option<String>, _>("logo_version")?.unwrap_or_default(),
        }))
    }
}
