//! Imports: many listings and solutions written in one transaction, each with its audit row, so an
//! import lands whole or not at all.
use std::collections::{HashMap, HashSet};

use sqlx::AnyConnection;
use time::OffsetDateTime;

use super::{
    Actor, AuditRecord, Database, audit::append, organizations::insert_organization_rows,
    solutions::insert_solution_rows, sql::taken_slugs,
};
use crate::{
    domain::{
        audit::AuditAction,
        organization::NewOrganization,
        slug::Slug,
        solution::NewSolution,
        validation::{FieldError, Problem},
    },
    error::AppError,
};

/// A solution to import, for a listing of the same import or one already in the directory.
#[derive(Clone, Debug)]
pub struct ImportedSolution {
    pub organization: Slug,
    pub solution: NewSolution,
}

/// What an import wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub organizations: usize,
    pub solutions: usize,
}

impl Database {
    /// Those of the slugs that listings already have.
    pub async fn taken_organization_slugs(&self, slugs: &[&str]) -> Result<HashSet<String>, AppError> {
        Ok(taken_slugs(&mut *self.pool().acquire().await?, "organizations", slugs).await?)
    }

    /// Those of the slugs that solutions already have.
    pub async fn taken_solution_slugs(&self, slugs: &[&str]) -> Result<HashSet<String>, AppError> {
        Ok(taken_slugs(&mut *self.pool().acquire().await?, "solutions", slugs).await?)
    }

    /// Writes checked listings (each must have its slug) and solutions in one transaction, with an audit
    /// row for each. A slug taken in the meantime refuses the whole import: nothing is renamed.
    pub async fn import_listings(
        &self,
        organizations: &[NewOrganization],
        solutions: &[ImportedSolution],
        actor: &Actor,
        now: OffsetDateTime,
    ) -> Result<Imported, AppError> {
        let mut transaction = self.begin_write().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let slugs: Vec<&str> =
            organizations.iter().map(|new| new.slug.as_ref().map(Slug::as_str).unwrap_or_default()).collect();
        refuse_taken(connection, "organizations", &slugs).await?;
        let solution_slugs: Vec<&str> =
            solutions.iter().filter_map(|new| new.solution.slug.as_ref()).map(Slug::as_str).collect();
        refuse_taken(connection, "solutions", &solution_slugs).await?;

        let ids = insert_organization_rows(connection, organizations, now).await?;
        for ((organization, slug), id) in organizations.iter().zip(&slugs).zip(&ids) {
            let record = AuditRecord::new(actor, AuditAction::OrganizationImport, slug)
                .of_listing(*id)
                .change(None, Some(&organization.profile));
            append(connection, &record, now).await?;
        }
        let owners: HashMap<&str, i64> = slugs.iter().copied().zip(ids.iter().copied()).collect();
        let mut new_solutions = Vec::with_capacity(solutions.len());
        for imported in solutions {
            let owner = match owners.get(imported.organization.as_str()) {
                Some(id) => *id,
                None => owner_id(connection, imported.organization.as_str()).await?,
            };
            new_solutions.push(NewSolution { organization_id: owner, ..imported.solution.clone() });
        }
        let solution_ids = insert_solution_rows(connection, &new_solutions, now).await?;
        for (imported, new) in solutions.iter().zip(&new_solutions) {
            let record = AuditRecord::new(actor, AuditAction::SolutionImport, imported.organization.as_str())
                .of_listing(new.organization_id)
                .change(None, Some(&new.details));
            append(connection, &record, now).await?;
        }
        super::directory::directory_changed(connection).await?;
        transaction.commit().await?;
        Ok(Imported { organizations: ids.len(), solutions: solution_ids.len() })
    }
}

/// Refuses slugs that rows of `table` already have.
async fn refuse_taken(connection: &mut AnyConnection, table: &str, slugs: &[&str]) -> Result<(), AppError> {
    if taken_slugs(connection, table, slugs).await?.is_empty() {
        Ok(())
    } else {
        Err(FieldError::new("slug", Problem::Taken).into())
    }
}

/// The id of an existing listing a solution belongs to.
async fn owner_id(connection: &mut AnyConnection, slug: &str) -> Result<i64, AppError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM organizations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *connection)
        .await?;
    id.ok_or_else(|| FieldError::new("organization", Problem::InvalidChoice).into())
}
