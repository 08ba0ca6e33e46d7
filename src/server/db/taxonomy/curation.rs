//! Staff curating the taxonomy: adding, renaming, ordering, merging and deleting terms, with how much
//! uses each, and what a change does to the listings and waiting changes that use it.
use std::collections::HashMap;

use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::{super::forum::refuse_taken_slug, insert_names};
use crate::{
    domain::{
        curation::move_one_place,
        editing::solutions::SolutionEdit,
        lang::Translations,
        organization::OrganizationProfile,
        slug::Slug,
        solution::SolutionDetails,
        taxonomy::{ManagedTaxonomy, ManagedTerm, TermDraft, TermKind},
        validation::{FieldError, Problem},
    },
    error::AppError,
    server::db::{AuditRecord, Database, SqlBuilder, decode_json, directory::commit_directory_change, encode_json},
};

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
