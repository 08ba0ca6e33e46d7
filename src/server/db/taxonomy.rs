//! The taxonomy: categories (two levels), sectors and tags, each named in every language.
mod curation;

use std::collections::HashMap;

use sqlx::{AnyConnection, Row, any::AnyRow};

use super::{
    Database, Value, decode_slug, decode_word,
    directory::directory_changed,
    sql::{insert_rows, insert_with_slugs, translations_of},
};
use crate::{
    domain::{
        lang::Translations,
        slug::Slug,
        taxonomy::{Category, NewCategory, NewSector, NewTag, Sector, Tag},
    },
    error::AppError,
};

impl Database {
    /// Adds categories; a parent must be a top-level category added earlier or in the same call.
    pub async fn insert_categories(&self, categories: &[NewCategory]) -> Result<Vec<i64>, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let mut ids_by_slug: HashMap<String, i64> = sqlx::query("SELECT slug, id FROM categories")
            .fetch_all(&mut *connection)
            .await?
            .iter()
            .map(|row| Ok((row.try_get("slug")?, row.try_get("id")?)))
            .collect::<Result<_, sqlx::Error>>()?;
        let mut ids = Vec::with_capacity(categories.len());
        // Parents before children, so each child can name its parent's id.
        for top_level in [true, false] {
            let batch: Vec<(usize, &NewCategory)> =
                categories.iter().enumerate().filter(|(_, category)| category.parent.is_none() == top_level).collect();
            let mut rows = Vec::with_capacity(batch.len());
            for (position, category) in &batch {
                let parent_id = match &category.parent {
                    Some(parent) => Some(*ids_by_slug.get(parent.as_str()).ok_or(AppError::NotFound)?),
                    None => None,
                };
                rows.push(vec![
                    Value::from(category.slug.as_str()),
                    parent_id.into(),
                    category.nist_function.as_str().into(),
                    i64::try_from(*position).unwrap_or(i64::MAX).into(),
                ]);
            }
            let slugs: Vec<Slug> = batch.iter().map(|(_, category)| category.slug.clone()).collect();
            let batch_ids = insert_with_slugs(
                connection,
                "categories",
                &["slug", "parent_id", "nist_function", "position"],
                rows,
                &slugs,
            )
            .await?;
            insert_names(connection, "category_names", "category_id", &batch_ids, batch.iter().map(|(_, c)| &c.names))
                .await?;
            for (slug, id) in slugs.iter().zip(&batch_ids) {
                ids_by_slug.insert(slug.to_string(), *id);
            }
            ids.extend(batch.iter().map(|(index, _)| *index).zip(batch_ids));
        }
        directory_changed(connection).await?;
        transaction.commit().await?;
        ids.sort();
        Ok(ids.into_iter().map(|(_, id)| id).collect())
    }

    pub async fn insert_sectors(&self, sectors: &[NewSector]) -> Result<Vec<i64>, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let rows = sectors.iter().enumerate().map(|(position, sector)| {
            vec![
                Value::from(sector.slug.as_str()),
                i64::from(sector.critical_infrastructure).into(),
                i64::try_from(position).unwrap_or(i64::MAX).into(),
            ]
        });
        let slugs: Vec<Slug> = sectors.iter().map(|sector| sector.slug.clone()).collect();
        let ids =
            insert_with_slugs(connection, "sectors", &["slug", "critical_infrastructure", "position"], rows, &slugs)
                .await?;
        insert_names(connection, "sector_names", "sector_id", &ids, sectors.iter().map(|sector| &sector.names)).await?;
        directory_changed(connection).await?;
        transaction.commit().await?;
        Ok(ids)
    }

    pub async fn insert_tags(&self, tags: &[NewTag]) -> Result<Vec<i64>, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let rows = tags.iter().map(|tag| vec![Value::from(tag.slug.as_str())]);
        let slugs: Vec<Slug> = tags.iter().map(|tag| tag.slug.clone()).collect();
        let ids = insert_with_slugs(connection, "tags", &["slug"], rows, &slugs).await?;
        insert_names(connection, "tag_names", "tag_id", &ids, tags.iter().map(|tag| &tag.names)).await?;
        directory_changed(connection).await?;
        transaction.commit().await?;
        Ok(ids)
    }

    /// Every category, top-level ones and children alike, in display order.
    pub async fn categories(&self) -> Result<Vec<Category>, AppError> {
        let rows =
            sqlx::query("SELECT id, slug, parent_id, nist_function, position FROM categories ORDER BY position, id")
                .fetch_all(self.pool())
                .await?;
        let mut names = self.names_of("category_names", "category_id", &rows).await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(Category {
                    id,
                    slug: decode_slug(row)?,
                    parent_id: row.try_get("parent_id")?,
                    nist_function: decode_word(&row.try_get::<String, _>("nist_function")?)?,
                    names: names.remove(&id).unwrap_or_default(),
                    position: row.try_get("position")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    pub async fn sectors(&self) -> Result<Vec<Sector>, AppError> {
        let rows = sqlx::query("SELECT id, slug, critical_infrastructure, position FROM sectors ORDER BY position, id")
            .fetch_all(self.pool())
            .await?;
        let mut names = self.names_of("sector_names", "sector_id", &rows).await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(Sector {
                    id,
                    slug: decode_slug(row)?,
                    critical_infrastructure: row.try_get::<i64, _>("critical_infrastructure")? != 0,
                    names: names.remove(&id).unwrap_or_default(),
                    position: row.try_get("position")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    pub async fn tags(&self) -> Result<Vec<Tag>, AppError> {
        let rows = sqlx::query("SELECT id, slug FROM tags ORDER BY position, slug").fetch_all(self.pool()).await?;
        let mut names = self.names_of("tag_names", "tag_id", &rows).await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(Tag { id, slug: decode_slug(row)?, names: names.remove(&id).unwrap_or_default() })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// Whether no category exists yet, as on a freshly migrated database.
    pub async fn taxonomy_is_empty(&self) -> Result<bool, AppError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories").fetch_one(self.pool()).await?;
        Ok(count == 0)
    }

    async fn names_of(
        &self,
        table: &str,
        owner_column: &str,
        owners: &[AnyRow],
    ) -> Result<HashMap<i64, Translations<String>>, sqlx::Error> {
        let ids: Vec<i64> = owners.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        translations_of(self.pool(), table, owner_column, "name", &ids, |row| row.try_get("name")).await
    }
}

pub(super) async fn insert_names<'a>(
    connection: &mut AnyConnection,
    table: &str,
    owner_column: &str,
    owners: &[i64],
    names: impl IntoIterator<Item = &'a Translations<String>>,
) -> Result<(), sqlx::Error> {
    // Collected before the await, so the future holds no borrowing iterators (it must be Send).
    let rows: Vec<Vec<Value>> = owners
        .iter()
        .zip(names)
        .flat_map(|(owner, names)| {
            names.iter().map(move |(lang, name)| vec![Value::from(*owner), lang.as_str().into(), name.as_str().into()])
        })
        .collect();
    insert_rows(connection, table, &[owner_column, "lang", "name"], rows, "").await?;
    Ok(())
}
