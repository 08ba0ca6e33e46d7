//! Solutions: the products, services and training programs of an organization.
use std::collections::HashMap;

use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::{
    Database, SqlBuilder, Value, decode_json, decode_slug, decode_time, decode_word,
    directory::directory_changed,
    encode_json, encode_time,
    sql::{insert_links, insert_rows, insert_with_slugs, translations_of, unique_slugs},
};
use crate::{
    domain::{
        editing::solutions::SolutionEdit,
        lang::{Lang, Translations},
        slug::Slug,
        solution::{NewSolution, Solution, SolutionDetails, SolutionText},
    },
    error::AppError,
    server::text::slug_from_name,
};

const SOLUTION_COLUMNS: &str =
    "id, organization_id, slug, kind, deployment, certifications, url, created_at, updated_at";

impl Database {
    /// Adds solutions to existing organizations, all or nothing; returns their ids in input order.
    pub async fn insert_solutions(&self, solutions: &[NewSolution], now: OffsetDateTime) -> Result<Vec<i64>, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let ids = insert_solution_rows(connection, solutions, now).await?;
        directory_changed(connection).await?;
        transaction.commit().await?;
        Ok(ids)
    }

    /// An organization's solutions, in the order they were added.
    pub async fn solutions_of(&self, organization_id: i64) -> Result<Vec<Solution>, AppError> {
        let rows =
            sqlx::query(&format!("SELECT {SOLUTION_COLUMNS} FROM solutions WHERE organization_id = $1 ORDER BY id"))
                .bind(organization_id)
                .fetch_all(self.pool())
                .await?;
        self.solutions_from_rows(rows).await
    }

    /// The solutions of several organizations, by organization and then in the order they were added.
    pub async fn solutions_of_organizations(&self, organization_ids: &[i64]) -> Result<Vec<Solution>, AppError> {
        let mut solutions = Vec::new();
        // Well below SQLite's 999 parameters per statement.
        for chunk in organization_ids.chunks(900) {
            let mut sql =
                SqlBuilder::new(&format!("SELECT {SOLUTION_COLUMNS} FROM solutions WHERE organization_id IN "));
            sql.bind_list(chunk.iter().copied()).push(" ORDER BY organization_id, id");
            let rows = sql.query().fetch_all(self.pool()).await?;
            solutions.extend(self.solutions_from_rows(rows).await?);
        }
        Ok(solutions)
    }

    pub async fn solution_by_slug(&self, slug: &str) -> Result<Option<Solution>, AppError> {
        let rows = sqlx::query(&format!("SELECT {SOLUTION_COLUMNS} FROM solutions WHERE slug = $1"))
            .bind(slug)
            .fetch_all(self.pool())
            .await?;
        Ok(self.solutions_from_rows(rows).await?.pop())
    }

    /// The texts of several solutions, keyed by solution id.
    pub async fn solution_texts(&self, ids: &[i64]) -> Result<HashMap<i64, Translations<SolutionText>>, AppError> {
        let texts = translations_of(self.pool(), "solution_texts", "solution_id", "name, description", ids, |row| {
            Ok(SolutionText { name: row.try_get("name")?, description: row.try_get("description")? })
        })
        .await?;
        Ok(texts)
    }

    /// Completes solution rows with their texts and taxonomy links.
    async fn solutions_from_rows(&self, rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Solution>, AppError> {
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut texts = self.solution_texts(&ids).await?;
        let mut categories = self.links_of("solution_categories", "solution_id", "category_id", &ids).await?;
        let mut sectors = self.links_of("solution_sectors", "solution_id", "sector_id", &ids).await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let details = SolutionDetails {
                    kind: decode_word(&row.try_get::<String, _>("kind")?)?,
                    texts: texts.remove(&id).unwrap_or_default(),
                    deployment: row
                        .try_get::<Option<String>, _>("deployment")?
                        .as_deref()
                        .map(decode_word)
                        .transpose()?,
                    certifications: decode_json(&row.try_get::<String, _>("certifications")?)?,
                    url: row.try_get("url")?,
                    category_ids: categories.remove(&id).unwrap_or_default(),
                    sector_ids: sectors.remove(&id).unwrap_or_default(),
                };
                Ok(Solution {
                    id,
                    organization_id: row.try_get("organization_id")?,
                    slug: decode_slug(row)?,
                    details,
                    created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
                    updated_at: decode_time(&row.try_get::<String, _>("updated_at")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// The targets of a link table for several owners, sorted, keyed by owner id.
    pub(super) async fn links_of(
        &self,
        table: &str,
        owner_column: &str,
        target_column: &str,
        owners: &[i64],
    ) -> Result<HashMap<i64, Vec<i64>>, AppError> {
        let mut links: HashMap<i64, Vec<i64>> = HashMap::new();
        if owners.is_empty() {
            return Ok(links);
        }
        let mut sql = SqlBuilder::new(&format!(
            "SELECT {owner_column} AS owner, {target_column} AS target FROM {table} WHERE {owner_column} IN "
        ));
        sql.bind_list(owners.iter().copied()).push(" ORDER BY 1, 2");
        for row in sql.query().fetch_all(self.pool()).await? {
            links.entry(row.try_get("owner")?).or_default().push(row.try_get("target")?);
        }
        Ok(links)
    }
}

/// Writes solutions with their texts and taxonomy links (not their search words); ids in input order.
pub(super) async fn insert_solution_rows(
    connection: &mut AnyConnection,
    solutions: &[NewSolution],
    now: OffsetDateTime,
) -> Result<Vec<i64>, sqlx::Error> {
    let wanted = solutions
        .iter()
        .map(|solution| {
            solution.slug.clone().unwrap_or_else(|| {
                solution
                    .details
                    .texts
                    .pick(Lang::Az)
                    .and_then(|text| slug_from_name(&text.value.name))
                    .unwrap_or_else(|| Slug::parse("solution").expect("a valid literal slug"))
            })
        })
        // `compare` is a page of its own under /solutions/.
        .map(|slug: Slug| if slug.as_str() == "compare" { slug.with_suffix(2) } else { slug })
        .collect();
    let slugs = unique_slugs(connection, "solutions", wanted).await?;
    let now = encode_time(now);
    // Rows are collected before each await, so the future holds no borrowing iterators (it must be Send).
    let rows: Vec<Vec<Value>> = solutions
        .iter()
        .zip(&slugs)
        .map(|(solution, slug)| {
            let details = &solution.details;
            vec![
                Value::from(solution.organization_id),
                slug.as_str().into(),
                details.kind.as_str().into(),
                details.deployment.map(|deployment| deployment.as_str()).into(),
                encode_json(&details.certifications).into(),
                details.url.as_deref().into(),
                now.clone().into(),
                now.clone().into(),
            ]
        })
        .collect();
    let columns =
        ["organization_id", "slug", "kind", "deployment", "certifications", "url", "created_at", "updated_at"];
    let ids = insert_with_slugs(connection, "solutions", &columns, rows, &slugs).await?;
    let details: Vec<&SolutionDetails> = solutions.iter().map(|solution| &solution.details).collect();
    insert_solution_parts(connection, &ids, &details).await?;
    Ok(ids)
}

/// Writes the texts and taxonomy links of solutions that have none.
async fn insert_solution_parts(
    connection: &mut AnyConnection,
    ids: &[i64],
    solutions: &[&SolutionDetails],
) -> Result<(), sqlx::Error> {
    let texts: Vec<Vec<Value>> = solutions
        .iter()
        .zip(ids)
        .flat_map(|(details, id)| {
            details.texts.iter().map(move |(lang, text)| {
                vec![
                    Value::from(*id),
                    lang.as_str().into(),
                    text.name.as_str().into(),
                    text.description.as_deref().into(),
                ]
            })
        })
        .collect();
    insert_rows(connection, "solution_texts", &["solution_id", "lang", "name", "description"], texts, "").await?;
    let categories: Vec<&Vec<i64>> = solutions.iter().map(|details| &details.category_ids).collect();
    insert_links(connection, "solution_categories", ["solution_id", "category_id"], ids, categories).await?;
    let sectors: Vec<&Vec<i64>> = solutions.iter().map(|details| &details.sector_ids).collect();
    insert_links(connection, "solution_sectors", ["solution_id", "sector_id"], ids, sectors).await
}

/// Applies a published change's solution edits to a listing. An edit of a solution that is no longer
/// the listing's (removed, or moved away by a merge) is skipped.
pub(super) async fn apply_solution_edits(
    connection: &mut AnyConnection,
    organization_id: i64,
    edits: &[SolutionEdit],
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    if edits.is_empty() {
        return Ok(());
    }
    let added: Vec<NewSolution> = edits
        .iter()
        .filter_map(|edit| match edit {
            SolutionEdit::Add { details, .. } => {
                Some(NewSolution { organization_id, slug: None, details: details.clone() })
            }
            _ => None,
        })
        .collect();
    insert_solution_rows(connection, &added, now).await?;
    for edit in edits {
        match edit {
            SolutionEdit::Add { .. } => {}
            SolutionEdit::Remove { id } => {
                sqlx::query("DELETE FROM solutions WHERE id = $1 AND organization_id = $2")
                    .bind(id)
                    .bind(organization_id)
                    .execute(&mut *connection)
                    .await?;
            }
            SolutionEdit::Change { id, details } => {
                let updated = sqlx::query(
                    "UPDATE solutions SET kind = $1, deployment = $2, certifications = $3, url = $4, updated_at = $5 \
                     WHERE id = $6 AND organization_id = $7",
                )
                .bind(details.kind.as_str())
                .bind(details.deployment.map(|deployment| deployment.as_str()))
                .bind(encode_json(&details.certifications))
                .bind(details.url.as_deref())
                .bind(encode_time(now))
                .bind(id)
                .bind(organization_id)
                .execute(&mut *connection)
                .await?;
                if updated.rows_affected() == 0 {
                    continue;
                }
                for table in ["solution_texts", "solution_categories", "solution_sectors"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE solution_id = $1"))
                        .bind(id)
                        .execute(&mut *connection)
                        .await?;
                }
                insert_solution_parts(connection, &[*id], &[details]).await?;
            }
        }
    }
    directory_changed(connection).await
}
