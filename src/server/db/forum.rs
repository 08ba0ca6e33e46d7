//! The forum's editions, panels and participants. Panels are a facet of the directory (the showcase
//! filters by them), so every write moves the directory version; every write but the demo data's is
//! recorded (`record`).
use std::collections::HashMap;

use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::{
    AuditRecord, Database, SqlBuilder, Value, decode_slug,
    directory::commit_directory_change,
    encode_time,
    sql::{insert_rows, translations_of},
    taxonomy::insert_names,
};
use crate::{
    domain::{
        forum::{EditionDraft, ForumEdition, ForumPanel, PanelDraft, PanelText},
        lang::Translations,
        slug::Slug,
        validation::{FieldError, Problem},
    },
    error::AppError,
};

impl Database {
    /// Every edition, newest first.
    pub async fn forum_editions(&self) -> Result<Vec<ForumEdition>, AppError> {
        let rows = sqlx::query("SELECT id, slug, starts_on, city FROM forum_editions ORDER BY starts_on DESC, id DESC")
            .fetch_all(self.pool())
            .await?;
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        let mut names =
            translations_of(self.pool(), "forum_edition_names", "edition_id", "name", &ids, |row| row.try_get("name"))
                .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(ForumEdition {
                    id,
                    slug: decode_slug(row)?,
                    starts_on: row.try_get("starts_on")?,
                    city: row.try_get("city")?,
                    names: names.remove(&id).unwrap_or_default(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// The panels of one edition (or of every edition, newest edition first), in order, with the ids
    /// of the listings taking part.
    pub async fn forum_panels(&self, edition_id: Option<i64>) -> Result<Vec<ForumPanel>, AppError> {
        let mut sql = SqlBuilder::new(
            "SELECT forum_panels.id, forum_panels.edition_id, forum_panels.slug FROM forum_panels \
             JOIN forum_editions ON forum_editions.id = forum_panels.edition_id",
        );
        if let Some(edition_id) = edition_id {
            sql.push(" WHERE forum_panels.edition_id = ").bind(edition_id);
        }
        sql.push(" ORDER BY forum_editions.starts_on DESC, forum_panels.position, forum_panels.id");
        let rows = sql.query().fetch_all(self.pool()).await?;
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        let mut texts = translations_of(self.pool(), "forum_panel_texts", "panel_id", "title, summary", &ids, |row| {
            Ok(PanelText { title: row.try_get("title")?, summary: row.try_get("summary")? })
        })
        .await?;
        let mut participants: HashMap<i64, Vec<i64>> = HashMap::new();
        if !ids.is_empty() {
            let mut sql =
                SqlBuilder::new("SELECT panel_id, organization_id FROM forum_participants WHERE panel_id IN ");
            sql.bind_list(ids.iter().copied()).push(" ORDER BY organization_id");
            for row in sql.query().fetch_all(self.pool()).await? {
                participants.entry(row.try_get("panel_id")?).or_default().push(row.try_get("organization_id")?);
            }
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(ForumPanel {
                    id,
                    edition_id: row.try_get("edition_id")?,
                    slug: decode_slug(row)?,
                    texts: texts.remove(&id).unwrap_or_default(),
                    participant_ids: participants.remove(&id).unwrap_or_default(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// Every panel's slug and titles, each title followed by its edition's year: "… (2026)".
    pub async fn panel_names(&self) -> Result<Vec<(Slug, Translations<String>)>, AppError> {
        let editions = self.forum_editions().await?;
        Ok(self
            .forum_panels(None)
            .await?
            .into_iter()
            .map(|panel| {
                let edition = editions.iter().find(|edition| edition.id == panel.edition_id);
                let year = edition.map_or("", |edition| edition.starts_on.get(..4).unwrap_or_default());
                let names = panel.texts.iter().map(|(lang, text)| (lang, format!("{} ({year})", text.title))).collect();
                (panel.slug, names)
            })
            .collect())
    }

    pub async fn add_edition(
        &self,
        draft: &EditionDraft,
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<i64, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        refuse_taken_slug(connection, "forum_editions", &draft.slug, None).await?;
        let mut sql = SqlBuilder::new("INSERT INTO forum_editions (slug, starts_on, city, created_at) VALUES (");
        sql.bind(draft.slug.as_str()).push(", ").bind(draft.starts_on.as_str()).push(", ");
        sql.bind(draft.city.clone()).push(", ").bind(encode_time(now)).push(") RETURNING id");
        let id: i64 = sql.query().fetch_one(&mut *connection).await?.try_get("id")?;
        insert_names(connection, "forum_edition_names", "edition_id", &[id], [&draft.names]).await?;
        commit_directory_change(transaction, record, now).await?;
        Ok(id)
    }

    pub async fn update_edition(
        &self,
        id: i64,
        draft: &EditionDraft,
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        refuse_taken_slug(connection, "forum_editions", &draft.slug, Some(id)).await?;
        let mut sql = SqlBuilder::new("UPDATE forum_editions SET slug = ");
        sql.bind(draft.slug.as_str()).push(", starts_on = ").bind(draft.starts_on.as_str());
        sql.push(", city = ").bind(draft.city.clone()).push(" WHERE id = ").bind(id);
        if sql.query().execute(&mut *connection).await?.rows_affected() == 0 {
            return Err(AppError::NotFound);
        }
        let mut sql = SqlBuilder::new("DELETE FROM forum_edition_names WHERE edition_id = ");
        sql.bind(id).query().execute(&mut *connection).await?;
        insert_names(connection, "forum_edition_names", "edition_id", &[id], [&draft.names]).await?;
        commit_directory_change(transaction, record, now).await
    }

    /// Adds a panel at the end of its edition's programme.
    pub async fn add_panel(
        &self,
        edition_id: i64,
        draft: &PanelDraft,
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<i64, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        refuse_taken_slug(connection, "forum_panels", &draft.slug, None).await?;
        let mut sql = SqlBuilder::new("INSERT INTO forum_panels (edition_id, slug, position) SELECT ");
        sql.bind(edition_id).push(", ").bind(draft.slug.as_str());
        sql.push(", COALESCE(MAX(position), 0) + 1 FROM forum_panels WHERE edition_id = ").bind(edition_id);
        sql.push(" RETURNING id");
        let id: i64 = sql.query().fetch_one(&mut *connection).await?.try_get("id")?;
        insert_panel_texts(connection, id, draft).await?;
        commit_directory_change(transaction, record, now).await?;
        Ok(id)
    }

    pub async fn update_panel(
        &self,
        id: i64,
        draft: &PanelDraft,
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        refuse_taken_slug(connection, "forum_panels", &draft.slug, Some(id)).await?;
        let mut sql = SqlBuilder::new("UPDATE forum_panels SET slug = ");
        sql.bind(draft.slug.as_str()).push(" WHERE id = ").bind(id);
        if sql.query().execute(&mut *connection).await?.rows_affected() == 0 {
            return Err(AppError::NotFound);
        }
        let mut sql = SqlBuilder::new("DELETE FROM forum_panel_texts WHERE panel_id = ");
        sql.bind(id).query().execute(&mut *connection).await?;
        insert_panel_texts(connection, id, draft).await?;
        commit_directory_change(transaction, record, now).await
    }

    /// Sets the order of an edition's panels: `order` lists their ids, first first.
    pub async fn order_panels(
        &self,
        order: &[i64],
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        for (position, id) in order.iter().enumerate() {
            let mut sql = SqlBuilder::new("UPDATE forum_panels SET position = ");
            sql.bind(i64::try_from(position).unwrap_or(i64::MAX) + 1).push(" WHERE id = ").bind(*id);
            sql.query().execute(&mut *transaction).await?;
        }
        commit_directory_change(transaction, record, now).await
    }

    /// Deletes a panel; its participants are no longer part of it (their listings stay).
    pub async fn delete_panel(
        &self,
        id: i64,
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let mut sql = SqlBuilder::new("DELETE FROM forum_panels WHERE id = ");
        if sql.bind(id).query().execute(&mut *transaction).await?.rows_affected() == 0 {
            return Err(AppError::NotFound);
        }
        commit_directory_change(transaction, record, now).await
    }

    /// Adds a listing to a panel, or takes it off (`taking_part` false).
    pub async fn set_participation(
        &self,
        panel_id: i64,
        organization_id: i64,
        taking_part: bool,
        record: Option<&AuditRecord<'_>>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let mut transaction = self.begin_write().await?;
        let mut sql = SqlBuilder::new("DELETE FROM forum_participants WHERE panel_id = ");
        sql.bind(panel_id).push(" AND organization_id = ").bind(organization_id);
        sql.query().execute(&mut *transaction).await?;
        if taking_part {
            let row = vec![Value::from(panel_id), organization_id.into()];
            insert_rows(&mut transaction, "forum_participants", &["panel_id", "organization_id"], [row], "").await?;
        }
        commit_directory_change(transaction, record, now).await
    }
}

async fn insert_panel_texts(
    connection: &mut AnyConnection,
    panel_id: i64,
    draft: &PanelDraft,
) -> Result<(), sqlx::Error> {
    let rows: Vec<Vec<Value>> = draft
        .texts
        .iter()
        .map(|(lang, text)| {
            vec![Value::from(panel_id), lang.as_str().into(), text.title.as_str().into(), text.summary.clone().into()]
        })
        .collect();
    insert_rows(connection, "forum_panel_texts", &["panel_id", "lang", "title", "summary"], rows, "").await?;
    Ok(())
}

/// Refuses a slug another row of `table` has (`except` is the row being edited).
pub(super) async fn refuse_taken_slug(
    connection: &mut AnyConnection,
    table: &str,
    slug: &Slug,
    except: Option<i64>,
) -> Result<(), AppError> {
    let mut sql = SqlBuilder::new(&format!("SELECT COUNT(*) FROM {table} WHERE slug = "));
    sql.bind(slug.as_str()).push(" AND id <> ").bind(except.unwrap_or(0));
    let taken: i64 = sql.query().fetch_one(&mut *connection).await?.try_get(0)?;
    if taken > 0 { Err(FieldError::new("slug", Problem::Taken).into()) } else { Ok(()) }
}
