//! The site's own pages as staff wrote them.
use sqlx::Row;
use time::OffsetDateTime;

use super::{AuditRecord, Database, decode_time, decode_word, encode_time};
use crate::{
    domain::{
        lang::Lang,
        site_page::{Saved, SitePageDraft, SitePageKind, SitePageText},
    },
    error::AppError,
};

const COLUMNS: &str = "SELECT kind, lang, title, markdown, updated_at, updated_by FROM site_pages";

fn decode(row: &sqlx::any::AnyRow) -> Result<SitePageText, AppError> {
    let word = |column: &str| row.try_get::<String, _>(column);
    Ok(SitePageText {
        kind: decode_word(&word("kind")?)?,
        lang: decode_word(&word("lang")?)?,
        draft: SitePageDraft { title: word("title")?, markdown: word("markdown")? },
        saved: Some(Saved { at: decode_time(&word("updated_at")?)?, by: word("updated_by")? }),
    })
}

impl Database {
    /// The page's text in one language, when staff have written it.
    pub async fn site_page(&self, kind: SitePageKind, lang: Lang) -> Result<Option<SitePageText>, AppError> {
        let row = sqlx::query(&format!("{COLUMNS} WHERE kind = $1 AND lang = $2"))
            .bind(kind.as_str())
            .bind(lang.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(decode).transpose()
    }

    /// Every page text staff have written.
    pub async fn site_pages(&self) -> Result<Vec<SitePageText>, AppError> {
        let rows = sqlx::query(COLUMNS).fetch_all(self.pool()).await?;
        rows.iter().map(decode).collect()
    }

    /// Stores a page's text in one language, with its audit row, in one transaction.
    pub async fn save_site_page(
        &self,
        kind: SitePageKind,
        lang: Lang,
        draft: &SitePageDraft,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO site_pages (kind, lang, title, markdown, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, lang) DO UPDATE SET \
             title = excluded.title, markdown = excluded.markdown, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(kind.as_str())
        .bind(lang.as_str())
        .bind(&draft.title)
        .bind(&draft.markdown)
        .bind(encode_time(now))
        .bind(&record.actor.label)
        .execute(&mut *transaction)
        .await?;
        super::audit::append(&mut transaction, record, now).await?;
        transaction.commit().await?;
        Ok(())
    }
}
