//! The taxonomy: categories (two levels), sectors and tags, each named in every language.
use std::collections::HashMap;

use sqlx::{AnyConnection, Row, any::AnyRow};

use time::OffsetDateTime;

use super::{
    AuditRecord, Database, SqlBuilder, Value, decode_json, decode_slug, decode_word,
    directory::{commit_directory_change, directory_changed},
    encode_json,
    forum::refuse_taken_slug,
    sql::{insert_rows, insert_with_slugs, translations_of},
};
use crate::{
    domain::{
        curation::move_one_place,
        editing::solutions::SolutionEdit,
        lang::Translations,
        organization::OrganizationProfile,
        slug::Slug,
        solution::SolutionDetails,
        taxonomy::{
            Category, ManagedTaxonomy, ManagedTerm, NewCategory, NewSector, NewTag, Sector, Tag, TermDraft, TermKind,
        },
        validation::{FieldError, Problem},
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

/// Where a vocabulary is stored and where its terms are used.
struct Vocabulary {
    table: &'static str,
    names_table: &'static str,
    /// The column naming a term in its names table and in the link tables.
    term_column: &'static str,
    /// Link tables with the column naming what uses the term.
    links: &'static [(&'static str, &'static str)],
    /// What orders terms at the same position (tags start unordered, by slug).
    order: &'static str,
    /// The term ids a profile (as a waiting change proposes it) uses.
    in_profile: fn(&mut OrganizationProfile) -> &mut Vec<i64>,
    /// The term ids a solution (as a waiting change proposes it) uses, for terms solutions take.
    in_solution: Option<fn(&mut SolutionDetails) -> &mut Vec<i64>>,
}

impl Vocabulary {
    fn of(kind: TermKind) -> Vocabulary {
        match kind {
            TermKind::Category => Vocabulary {
                table: "categories",
                names_table: "category_names",
                term_column: "category_id",
                links: &[("organization_categories", "organization_id"), ("solution_categories", "solution_id")],
                order: "id",
                in_profile: |profile| &mut profile.category_ids,
                in_solution: Some(|solution| &mut solution.category_ids),
            },
            TermKind::Sector => Vocabulary {
                table: "sectors",
                names_table: "sector_names",
                term_column: "sector_id",
                links: &[("organization_sectors", "organization_id"), ("solution_sectors", "solution_id")],
                order: "id",
                in_profile: |profile| &mut profile.sector_ids,
                in_solution: Some(|solution| &mut solution.sector_ids),
            },
            TermKind::Tag => Vocabulary {
                table: "tags",
                names_table: "tag_names",
                term_column: "tag_id",
                links: &[("organization_tags", "organization_id")],
                order: "slug",
                in_profile: |profile| &mut profile.tag_ids,
                in_solution: None,
            },
        }
    }
}

/// Staff curating the taxonomy. Each write commits with its audit row and tells every app instance
/// that the directory changed (facets name the terms).
impl Database {
    /// Every term of every vocabulary, with how much uses it.
    pub async fn managed_taxonomy(&self) -> Result<ManagedTaxonomy, AppError> {
        let mut connection = self.pool().acquire().await?;
        let mut uses = Vec::new();
        for kind in TermKind::ALL {
            uses.push(use_counts(&mut connection, *kind).await?);
        }
        let term = |id: i64, slug: &Slug, names: &Translations<String>, uses: &HashMap<i64, i64>| ManagedTerm {
            id,
            slug: slug.to_string(),
            parent_id: None,
            nist_function: None,
            critical_infrastructure: false,
            names: names.clone(),
            uses: uses.get(&id).copied().unwrap_or_default(),
        };
        Ok(ManagedTaxonomy {
            categories: self
                .categories()
                .await?
                .iter()
                .map(|category| ManagedTerm {
                    parent_id: category.parent_id,
                    nist_function: Some(category.nist_function),
                    ..term(category.id, &category.slug, &category.names, &uses[0])
                })
                .collect(),
            sectors: self
                .sectors()
                .await?
                .iter()
                .map(|sector| ManagedTerm {
                    critical_infrastructure: sector.critical_infrastructure,
                    ..term(sector.id, &sector.slug, &sector.names, &uses[1])
                })
                .collect(),
            tags: self.tags().await?.iter().map(|tag| term(tag.id, &tag.slug, &tag.names, &uses[2])).collect(),
        })
    }

    /// Adds a term at the end of its vocabulary (or of its parent's children).
    pub async fn add_term(
        &self,
        kind: TermKind,
        draft: &TermDraft,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<i64, AppError> {
        let vocabulary = Vocabulary::of(kind);
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        refuse_taken_slug(connection, vocabulary.table, &draft.slug, None).await?;
        let mut sql = SqlBuilder::new(&format!("SELECT COALESCE(MAX(position), 0) + 1 FROM {}", vocabulary.table));
        let position: i64 = sql.query().fetch_one(&mut *connection).await?.try_get(0)?;
        sql = SqlBuilder::new(&format!("INSERT INTO {} (slug", vocabulary.table));
        sql.push(match kind {
            TermKind::Category => ", parent_id, nist_function, position) VALUES (",
            TermKind::Sector => ", critical_infrastructure, position) VALUES (",
            TermKind::Tag => ", position) VALUES (",
        });
        sql.bind(draft.slug.as_str());
        match kind {
            TermKind::Category => {
                sql.push(", ").bind(draft.parent_id).push(", ").bind(nist_word(draft)).push(", ").bind(position)
            }
            TermKind::Sector => sql.push(", ").bind(i64::from(draft.critical_infrastructure)).push(", ").bind(position),
            TermKind::Tag => sql.push(", ").bind(position),
        };
        sql.push(") RETURNING id");
        let id: i64 = sql.query().fetch_one(&mut *connection).await?.try_get("id")?;
        insert_names(connection, vocabulary.names_table, vocabulary.term_column, &[id], [&draft.names]).await?;
        commit_directory_change(transaction, record, now).await?;
        Ok(id)
    }

    /// Renames a term, changes its slug, parent, NIST function or critical-infrastructure mark.
    pub async fn update_term(
        &self,
        kind: TermKind,
        id: i64,
        draft: &TermDraft,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let vocabulary = Vocabulary::of(kind);
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        refuse_taken_slug(connection, vocabulary.table, &draft.slug, Some(id)).await?;
        let mut sql = SqlBuilder::new(&format!("UPDATE {} SET slug = ", vocabulary.table));
        sql.bind(draft.slug.as_str());
        match kind {
            TermKind::Category => {
                sql.push(", parent_id = ").bind(draft.parent_id).push(", nist_function = ").bind(nist_word(draft))
            }
            TermKind::Sector => sql.push(", critical_infrastructure = ").bind(i64::from(draft.critical_infrastructure)),
            TermKind::Tag => &mut sql,
        };
        sql.push(" WHERE id = ").bind(id);
        if sql.query().execute(&mut *connection).await?.rows_affected() == 0 {
            return Err(AppError::NotFound);
        }
        let mut sql =
            SqlBuilder::new(&format!("DELETE FROM {} WHERE {} = ", vocabulary.names_table, vocabulary.term_column));
        sql.bind(id).query().execute(&mut *connection).await?;
        insert_names(connection, vocabulary.names_table, vocabulary.term_column, &[id], [&draft.names]).await?;
        commit_directory_change(transaction, record, now).await?;
        Ok(())
    }

    /// Moves a term one place earlier or later among its siblings; the order is renumbered from 1.
    pub async fn reorder_term(
        &self,
        kind: TermKind,
        id: i64,
        earlier: bool,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let vocabulary = Vocabulary::of(kind);
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let mut sql = SqlBuilder::new(&format!("SELECT id FROM {}", vocabulary.table));
        if kind == TermKind::Category {
            // A category's siblings share its parent (top-level ones share none).
            sql.push(" WHERE COALESCE(parent_id, 0) = (SELECT COALESCE(parent_id, 0) FROM categories WHERE id = ");
            sql.bind(id).push(")");
        }
        sql.push(" ORDER BY position, ").push(vocabulary.order);
        let mut order: Vec<i64> = sql
            .query()
            .fetch_all(&mut *connection)
            .await?
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()?;
        if !move_one_place(&mut order, id, earlier) {
            return Err(AppError::NotFound);
        }
        for (position, sibling) in order.iter().enumerate() {
            let mut sql = SqlBuilder::new(&format!("UPDATE {} SET position = ", vocabulary.table));
            sql.bind(i64::try_from(position).unwrap_or(i64::MAX) + 1).push(" WHERE id = ").bind(*sibling);
            sql.query().execute(&mut *connection).await?;
        }
        commit_directory_change(transaction, record, now).await?;
        Ok(())
    }

    /// Gives every listing, solution and waiting change that uses `from` the term `to` instead;
    /// returns how many uses moved.
    pub async fn move_term_uses(
        &self,
        kind: TermKind,
        from: i64,
        to: i64,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<u64, AppError> {
        let vocabulary = Vocabulary::of(kind);
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let mut moved = 0;
        for (link, owner) in vocabulary.links {
            let term = vocabulary.term_column;
            let mut sql = SqlBuilder::new(&format!("INSERT INTO {link} ({owner}, {term}) SELECT {owner}, "));
            sql.bind(to).push(&format!(" FROM {link} WHERE {term} = ")).bind(from);
            sql.push(&format!(" AND {owner} NOT IN (SELECT {owner} FROM {link} WHERE {term} = ")).bind(to).push(")");
            sql.query().execute(&mut *connection).await?;
            let mut sql = SqlBuilder::new(&format!("DELETE FROM {link} WHERE {term} = "));
            moved += sql.bind(from).query().execute(&mut *connection).await?.rows_affected();
        }
        for mut waiting in waiting_changes(connection).await? {
            let mut uses = waiting.term_ids(&vocabulary);
            uses.retain(|ids| ids.contains(&from));
            if uses.is_empty() {
                continue;
            }
            for ids in uses {
                ids.retain(|id| *id != from && *id != to);
                ids.push(to);
                ids.sort_unstable();
                moved += 1;
            }
            let mut sql = SqlBuilder::new("UPDATE revisions SET profile = ");
            sql.bind(encode_json(&waiting.profile))
                .push(", solution_edits = ")
                .bind(encode_json(&waiting.solution_edits));
            sql.push(" WHERE id = ").bind(waiting.revision_id);
            sql.query().execute(&mut *connection).await?;
        }
        commit_directory_change(transaction, record, now).await?;
        Ok(moved)
    }

    /// Deletes a term nothing uses; one still in use, or with subcategories, is refused with a reason.
    pub async fn delete_term(
        &self,
        kind: TermKind,
        id: i64,
        record: &AuditRecord<'_>,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let vocabulary = Vocabulary::of(kind);
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let uses = use_counts(connection, kind).await?.get(&id).copied().unwrap_or_default();
        if uses > 0 {
            return Err(FieldError::new("term", Problem::InUse { count: uses }).into());
        }
        if kind == TermKind::Category {
            let mut sql = SqlBuilder::new("SELECT COUNT(*) FROM categories WHERE parent_id = ");
            let children: i64 = sql.bind(id).query().fetch_one(&mut *connection).await?.try_get(0)?;
            if children > 0 {
                return Err(FieldError::new("term", Problem::HasChildren).into());
            }
        }
        let mut sql = SqlBuilder::new(&format!("DELETE FROM {} WHERE id = ", vocabulary.table));
        if sql.bind(id).query().execute(&mut *connection).await?.rows_affected() == 0 {
            return Err(AppError::NotFound);
        }
        commit_directory_change(transaction, record, now).await?;
        Ok(())
    }
}

fn nist_word(draft: &TermDraft) -> Option<&'static str> {
    draft.nist_function.map(|function| function.as_str())
}

/// How many listings, solutions and waiting changes use each term of a vocabulary.
async fn use_counts(connection: &mut AnyConnection, kind: TermKind) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let vocabulary = Vocabulary::of(kind);
    let mut counts: HashMap<i64, i64> = HashMap::new();
    for (link, _) in vocabulary.links {
        let term = vocabulary.term_column;
        let sql = format!("SELECT {term} AS term, COUNT(*) AS uses FROM {link} GROUP BY {term}");
        for row in sqlx::query(&sql).fetch_all(&mut *connection).await? {
            *counts.entry(row.try_get("term")?).or_default() += row.try_get::<i64, _>("uses")?;
        }
    }
    for mut waiting in waiting_changes(connection).await? {
        for ids in waiting.term_ids(&vocabulary) {
            for id in ids.iter() {
                *counts.entry(*id).or_default() += 1;
            }
        }
    }
    Ok(counts)
}

/// What a change waiting for review proposes, as far as terms go.
struct WaitingChange {
    revision_id: i64,
    profile: OrganizationProfile,
    solution_edits: Vec<SolutionEdit>,
}

impl WaitingChange {
    /// Every list of the vocabulary's term ids the change proposes: its profile's and its solutions'.
    fn term_ids(&mut self, vocabulary: &Vocabulary) -> Vec<&mut Vec<i64>> {
        let mut lists = vec![(vocabulary.in_profile)(&mut self.profile)];
        if let Some(in_solution) = vocabulary.in_solution {
            lists.extend(self.solution_edits.iter_mut().filter_map(|edit| match edit {
                SolutionEdit::Add { details, .. } | SolutionEdit::Change { details, .. } => Some(in_solution(details)),
                SolutionEdit::Remove { .. } => None,
            }));
        }
        lists
    }
}

async fn waiting_changes(connection: &mut AnyConnection) -> Result<Vec<WaitingChange>, sqlx::Error> {
    sqlx::query("SELECT id, profile, solution_edits FROM revisions WHERE status = 'pending'")
        .fetch_all(&mut *connection)
        .await?
        .iter()
        .map(|row| {
            Ok(WaitingChange {
                revision_id: row.try_get("id")?,
                profile: decode_json(&row.try_get::<String, _>("profile")?)?,
                solution_edits: decode_json(&row.try_get::<String, _>("solution_edits")?)?,
            })
        })
        .collect()
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
